package dev.gradflow.cli.run;

import dev.gradflow.lab.RunProgress;
import dev.gradflow.lab.VariantSummary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: on a terminal, a progress bar over all steps of all variants with the elapsed time and an
 * ETA (me.tongfei:progressbar); otherwise one plain line per ended variant, for logs. Thread-safe.
 */
abstract sealed class ProgressDisplay implements RunProgress, AutoCloseable {

    /** A bar on {@code terminal} when {@code interactive}, else lines on {@code err}. */
    static ProgressDisplay choose(boolean interactive, PrintStream terminal, PrintWriter err, String task) {
        return interactive ? new Bar(terminal, task) : new Lines(err);
    }

    @Override
    public void close() {}

    /** The line printed when a variant ends. */
    static String line(VariantSummary v, int ended, int total) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] %s: %s", ended, total, v.name(), v.status()));
        if ("failed".equals(v.status())) {
            sb.append(" after ").append(v.steps()).append(" steps: ").append(v.error());
        } else {
            sb.append(String.format(Locale.ROOT, ", loss %s -> %s, first-layer backprop RMS %s -> %s",
                    RunTable.number(v.lossInitial()), RunTable.number(v.lossFinal()), RunTable.number(v.firstLayerBackpropInit()),
                    RunTable.number(v.firstLayerBackpropEnd())));
            if (!Double.isNaN(v.accuracy())) sb.append(String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * v.accuracy()));
            if (!Double.isNaN(v.testAccuracy())) sb.append(String.format(Locale.ROOT, ", test accuracy %.2f%%", 100 * v.testAccuracy()));
        }
        return sb.append(String.format(Locale.ROOT, " (%.1f s)", v.seconds())).toString();
    }

    /** One line per ended variant. */
    static final class Lines extends ProgressDisplay {
        private final PrintWriter err;

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void started(int variants, long totalSteps) {
            err.printf(Locale.ROOT, "training %d variants (%d steps in all)%n", variants, totalSteps);
            err.flush();
        }

        @Override
        public synchronized void variantEnded(VariantSummary summary, int ended, int total) {
            err.println(line(summary, ended, total));
            err.flush();
        }
    }

    /** A progress bar with ETA; ended variants print above it. */
    static final class Bar extends ProgressDisplay {
        private final PrintStream terminal;
        private final String task;
        private ProgressBar bar;

        Bar(PrintStream terminal, String task) {
            this.terminal = terminal;
            this.task = task;
        }

        @Override
        public synchronized void started(int variants, long totalSteps) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).setUnit(" steps", 1).build();
            bar.setExtraMessage("0/" + variants + " variants");
        }

        @Override
        public synchronized void advanced(long steps) {
            if (bar != null) bar.stepBy(steps);
        }

        @Override
        public synchronized void variantEnded(VariantSummary summary, int ended, int total) {
            if (bar == null) return;
            bar.setExtraMessage(ended + "/" + total + " variants");
            terminal.print("\r\033[K");
            terminal.println(line(summary, ended, total));
            bar.refresh();
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
