package dev.gradflow.data;

import java.util.Arrays;
import java.util.List;

/** Which columns of a CSV file are targets: the last one (the default), some by header name, or some by index. */
public sealed interface TargetColumns {

    /** The last column. */
    static TargetColumns last() {
        return Last.INSTANCE;
    }

    /** The columns with these header names, in this order. */
    static TargetColumns named(String... names) {
        return new Named(List.of(names));
    }

    /** The columns at these 0-based indices, in this order; −1 is the last column, −2 the one before, … */
    static TargetColumns indexed(int... indices) {
        return new Indexed(Arrays.stream(indices).boxed().toList());
    }

    /** The 0-based indices of the target columns in {@code table}, or a {@link DataFormatException}. */
    int[] resolve(CsvTable table);

    /** The last column. */
    enum Last implements TargetColumns {
        INSTANCE;

        @Override
        public int[] resolve(CsvTable table) {
            return new int[] {table.columnCount() - 1};
        }

        @Override
        public String toString() {
            return "last column";
        }
    }

    /** Columns by header name. */
    record Named(List<String> names) implements TargetColumns {
        public Named {
            names = List.copyOf(names);
            if (names.isEmpty()) throw new IllegalArgumentException("target columns: no names given");
        }

        @Override
        public int[] resolve(CsvTable table) {
            int[] indices = new int[names.size()];
            for (int i = 0; i < indices.length; i++) indices[i] = table.columnIndex(names.get(i));
            return distinct(indices, table, names.toString());
        }
    }

    /** Columns by 0-based index (negative counts from the end). */
    record Indexed(List<Integer> indices) implements TargetColumns {
        public Indexed {
            indices = List.copyOf(indices);
            if (indices.isEmpty()) throw new IllegalArgumentException("target columns: no indices given");
        }

        @Override
        public int[] resolve(CsvTable table) {
            int n = table.columnCount();
            int[] resolved = new int[indices.size()];
            for (int i = 0; i < resolved.length; i++) {
                int index = indices.get(i);
                if (index < -n || index >= n) {
                    throw DataFormatException.inFile(table.file(), "target column index " + index
                            + " is out of range: the file has " + n + " columns (indices 0.." + (n - 1) + " or -" + n + "..-1)");
                }
                resolved[i] = index < 0 ? index + n : index;
            }
            return distinct(resolved, table, indices.toString());
        }
    }

    private static int[] distinct(int[] indices, CsvTable table, String given) {
        if (Arrays.stream(indices).distinct().count() != indices.length) {
            throw DataFormatException.inFile(table.file(), "target columns " + given + " name a column twice");
        }
        if (indices.length >= table.columnCount()) {
            throw DataFormatException.inFile(table.file(), "target columns " + given + " leave no feature column");
        }
        return indices;
    }
}
