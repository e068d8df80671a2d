package dev.gradflow.data;

import java.util.Objects;

/**
 * How a CSV file becomes a {@link Dataset}.
 *
 * @param targets which columns are targets; every other column is a feature, in file order
 * @param task    {@link Task#CLASSIFICATION}: exactly one target column of class indices 0, 1, … giving targets
 *                [N]; {@link Task#REGRESSION}: any number of real target columns giving targets [N, k]
 */
public record CsvOptions(TargetColumns targets, Task task) {
    /** The last column as a regression target. */
    public static final CsvOptions DEFAULT = new CsvOptions(TargetColumns.last(), Task.REGRESSION);

    public CsvOptions {
        Objects.requireNonNull(targets, "csv options: targets");
        Objects.requireNonNull(task, "csv options: task");
    }

    public CsvOptions withTargets(TargetColumns newTargets) {
        return new CsvOptions(newTargets, task);
    }

    public CsvOptions withTask(Task newTask) {
        return new CsvOptions(targets, newTask);
    }
}
