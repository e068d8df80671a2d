package dev.gradflow.cli.train;

import dev.gradflow.checkpoint.Checkpoint;
import dev.gradflow.data.Dataset;
import dev.gradflow.data.Task;
import dev.gradflow.train.Evaluation;
import dev.gradflow.train.Evaluator;
import dev.gradflow.train.Metrics;
import dev.gradflow.train.SkippedStep;
import dev.gradflow.train.TrainingHistory;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What {@code gradflow train} prints: a line per evaluation, and a summary at the end. */
final class TrainReport {
    private TrainReport() {}

    static String progressLine(Evaluation e, Task task) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %d  epoch %d  loss %.6g", e.step(), e.epoch(), e.training().loss()));
        sb.append(metric("", e.training(), task));
        if (e.hasValidation()) {
            sb.append(String.format(Locale.ROOT, "  val_loss %.6g", e.validation().loss())).append(metric("val_", e.validation(), task));
        }
        return sb.toString();
    }

    private static String metric(String prefix, Metrics m, Task task) {
        return task == Task.CLASSIFICATION ? String.format(Locale.ROOT, "  %saccuracy %.4f", prefix, m.accuracy())
                : String.format(Locale.ROOT, "  %sr2 %.4f", prefix, m.rSquared());
    }

    static void summary(PrintWriter stdout, TrainingHistory history, TrainingPlan plan, OutputDirectory output, Checkpoint from) {
        long last = history.lastEvaluation().step();
        String reason = history.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        stdout.println("trained " + (from == null ? "" : "from step " + from.step() + " ") + "to step " + last + " (" + reason + ")");
        List<SkippedStep> skipped = history.skippedSteps();
        if (!skipped.isEmpty()) {
            SkippedStep first = skipped.getFirst();
            stdout.println("skipped " + skipped.size() + " step" + (skipped.size() == 1 ? "" : "s") + " with a non-finite loss or gradient;"
                    + " the first, step " + first.step() + " (" + first.quantity() + " " + first.value() + "): " + first.origin().describe());
        }
        if (plan.test() != null) {
            Task task = plan.settings().task();
            Metrics m = test(plan, plan.test(), task);
            stdout.println(String.format(Locale.ROOT, "test: loss %.6g", m.loss()) + metric("", m, task).replace("  ", " "));
        }
        stdout.println("model: " + output.model());
        output.latestCheckpoint().ifPresent(p -> stdout.println("checkpoints: " + output.checkpoints() + " (latest " + p.getFileName() + ")"));
        stdout.flush();
    }

    /** The trained model's metrics on the test data, in evaluation mode. */
    private static Metrics test(TrainingPlan plan, Dataset data, Task task) {
        return new Evaluator(plan.built().model(), plan.built().loss(), task).measure(data);
    }
}
