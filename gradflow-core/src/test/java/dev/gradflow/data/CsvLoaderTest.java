package dev.gradflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.tensor.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
    private static final String IRIS_LIKE = """
            sepal_length,sepal_width,species
            5.1,3.5,0
            4.9,3.0,0
            6.3,3.3,2
            """;

    @TempDir
    Path dir;

    @Test
    void lastColumnIsTheDefaultRegressionTarget() {
        Dataset data = CsvLoader.load(TestFiles.write(dir, "a.csv", IRIS_LIKE));
        assertEquals(Shape.of(3, 2), data.features().shape());
        assertEquals(Shape.of(3, 1), data.targets().shape());
        assertArrayEquals(new float[] {5.1f, 3.5f, 4.9f, 3.0f, 6.3f, 3.3f}, data.features().data());
        assertArrayEquals(new float[] {0, 0, 2}, data.targets().data());
    }

    @Test
    void classificationTargetsAreClassIndicesOfShapeN() {
        Dataset data = CsvLoader.load(TestFiles.write(dir, "a.csv", IRIS_LIKE),
                new CsvOptions(TargetColumns.named("species"), Task.CLASSIFICATION));
        assertEquals(Shape.of(3), data.targets().shape());
        assertArrayEquals(new float[] {0, 0, 2}, data.targets().data());
    }

    @Test
    void targetsByNameOrIndexKeepTheRemainingColumnsInFileOrder() {
        Path file = TestFiles.write(dir, "a.csv", "a,b,c,d\n1,2,3,4\n5,6,7,8\n");
        Dataset byName = CsvLoader.load(file, CsvOptions.DEFAULT.withTargets(TargetColumns.named("d", "b")));
        assertEquals(Shape.of(2, 2), byName.targets().shape());
        assertArrayEquals(new float[] {4, 2, 8, 6}, byName.targets().data());
        assertArrayEquals(new float[] {1, 3, 5, 7}, byName.features().data());
        Dataset byIndex = CsvLoader.load(file, CsvOptions.DEFAULT.withTargets(TargetColumns.indexed(0)));
        assertArrayEquals(new float[] {1, 5}, byIndex.targets().data());
        assertArrayEquals(new float[] {2, 3, 4, 6, 7, 8}, byIndex.features().data());
        Dataset negative = CsvLoader.load(file, CsvOptions.DEFAULT.withTargets(TargetColumns.indexed(-2)));
        assertArrayEquals(new float[] {3, 7}, negative.targets().data());
    }

    @Test
    void readsGzipQuotesWhitespaceCrlfAndTrailingBlankLines() {
        String text = "\uFEFF\"x\", y ,\"the target\"\r\n 1 ,\"2\",-3e-1\r\n.5,+4.,1E2\r\n\r\n\n";
        Path file = TestFiles.write(dir, "b.csv.gz", TestFiles.gzip(text.getBytes(StandardCharsets.UTF_8)));
        CsvTable table = CsvTable.read(file);
        assertEquals(java.util.List.of("x", "y", "the target"), table.columnNames());
        assertArrayEquals(new float[] {1, 2, -0.3f, 0.5f, 4, 100}, table.values());
        assertEquals(2, table.lineOf(0));
    }

    @Test
    void nonNumericCellNamesFileRowAndColumn() {
        Path file = TestFiles.write(dir, "iris.csv", IRIS_LIKE.replace("4.9,", "abc,"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvLoader.load(file));
        assertEquals(file + ": row 3, column 1 \"sepal_length\": \"abc\" is not a number", e.getMessage());
        assertEquals(3, e.row().getAsInt());
        assertEquals(1, e.column().getAsInt());
        assertEquals("sepal_length", e.columnName().orElseThrow());
        assertEquals(file, e.file().orElseThrow());
    }

    @Test
    void nanInfinityAndHexAreRejectedWithPosition() {
        for (String bad : new String[] {"NaN", "nan", "-Infinity", "inf", "0x1p3", "1f", "1e39", "1,5"}) {
            Path file = TestFiles.write(dir, "n.csv", "a,b\n1,2\n3," + bad + "\n");
            DataFormatException e = assertThrows(DataFormatException.class, () -> CsvTable.read(file), bad);
            assertEquals(3, e.row().getAsInt(), bad);
            assertTrue(e.getMessage().startsWith(file + ": row 3"), e.getMessage());
        }
        Path nan = TestFiles.write(dir, "nan.csv", "a,b\nNaN,2\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvTable.read(nan)).getMessage()
                .endsWith("row 2, column 1 \"a\": \"NaN\" is not allowed: values must be finite numbers"));
    }

    @Test
    void emptyCellIsRejected() {
        Path file = TestFiles.write(dir, "e.csv", "a,b,c\n1,,3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvTable.read(file));
        assertEquals(file + ": row 2, column 2 \"b\": empty cell (missing values are not supported)", e.getMessage());
        Path trailingComma = TestFiles.write(dir, "t.csv", "a,b\n1,2,\n");
        assertEquals(2, assertThrows(DataFormatException.class, () -> CsvTable.read(trailingComma)).row().getAsInt());
    }

    @Test
    void raggedRowsAreRejected() {
        Path shortRow = TestFiles.write(dir, "r.csv", "a,b,c\n1,2,3\n4,5\n");
        assertEquals(shortRow + ": row 3: has 2 columns, expected 3 as in the header",
                assertThrows(DataFormatException.class, () -> CsvTable.read(shortRow)).getMessage());
        Path longRow = TestFiles.write(dir, "l.csv", "a,b\n1,2,3\n");
        assertEquals(2, assertThrows(DataFormatException.class, () -> CsvTable.read(longRow)).row().getAsInt());
    }

    @Test
    void emptyLineInTheMiddleIsRejected() {
        Path file = TestFiles.write(dir, "m.csv", "a,b\n1,2\n\n3,4\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvTable.read(file));
        assertEquals(3, e.row().getAsInt());
        assertTrue(e.getMessage().contains("empty line"), e.getMessage());
    }

    @Test
    void emptyFileHeaderOnlyAndBadHeadersAreRejected() {
        Path empty = TestFiles.write(dir, "empty.csv", "");
        assertEquals(empty + ": the file is empty (expected a header row of column names)",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(empty)).getMessage());
        Path headerOnly = TestFiles.write(dir, "h.csv", "a,b\n");
        assertEquals(headerOnly + ": no data rows after the header",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(headerOnly)).getMessage());
        Path duplicate = TestFiles.write(dir, "d.csv", "a,b,a\n1,2,3\n");
        assertEquals(duplicate + ": row 1, column 3 \"a\": duplicate column name in the header",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(duplicate)).getMessage());
        Path unnamed = TestFiles.write(dir, "u.csv", "a,,c\n1,2,3\n");
        assertEquals(2, assertThrows(DataFormatException.class, () -> CsvLoader.load(unnamed)).column().getAsInt());
        Path quote = TestFiles.write(dir, "q.csv", "a,\"b\n1,2\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvLoader.load(quote)).getMessage().contains("unterminated quote"));
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        Path missing = dir.resolve("nope.csv");
        assertEquals(missing + ": the file does not exist",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(missing)).getMessage());
        assertEquals(dir + ": is a directory, expected a file",
                assertThrows(DataFormatException.class, () -> CsvLoader.load(dir)).getMessage());
    }

    @Test
    void corruptGzipIsReportedAsBadInput() {
        byte[] gz = TestFiles.gzip("a,b\n1,2\n3,4\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        Path truncated = TestFiles.write(dir, "cut.csv.gz", java.util.Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvTable.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());
    }

    @Test
    void badTargetSelectionsAreExplained() {
        Path file = TestFiles.write(dir, "a.csv", IRIS_LIKE);
        assertEquals(file + ": no column named \"label\"; the columns are [sepal_length, sepal_width, species]",
                assertThrows(DataFormatException.class,
                        () -> CsvLoader.load(file, CsvOptions.DEFAULT.withTargets(TargetColumns.named("label")))).getMessage());
        assertTrue(assertThrows(DataFormatException.class,
                () -> CsvLoader.load(file, CsvOptions.DEFAULT.withTargets(TargetColumns.indexed(3)))).getMessage()
                .contains("target column index 3 is out of range: the file has 3 columns"));
        assertTrue(assertThrows(DataFormatException.class, () -> CsvLoader.load(file,
                new CsvOptions(TargetColumns.named("sepal_width", "species"), Task.CLASSIFICATION))).getMessage()
                .contains("classification needs exactly one target column"));
        assertTrue(assertThrows(DataFormatException.class, () -> CsvLoader.load(file,
                CsvOptions.DEFAULT.withTargets(TargetColumns.indexed(0, 1, 2)))).getMessage()
                .contains("leave no feature column"));
    }

    @Test
    void classificationRejectsNonIntegerLabelsWithPosition() {
        Path file = TestFiles.write(dir, "c.csv", "x,y\n1,0\n2,1.5\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvLoader.load(file, CsvOptions.DEFAULT.withTask(Task.CLASSIFICATION)));
        assertEquals(file + ": row 3, column 2 \"y\": 1.5 is not a class index (a whole number from 0 to 16777216)",
                e.getMessage());
        Path negative = TestFiles.write(dir, "neg.csv", "x,y\n1,-1\n");
        assertEquals(2, assertThrows(DataFormatException.class,
                () -> CsvLoader.load(negative, CsvOptions.DEFAULT.withTask(Task.CLASSIFICATION))).row().getAsInt());
    }
}
