package dev.gradflow.cli.run;

import dev.gradflow.lab.RunProgress;
import dev.gradflow.lab.VariantSummary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
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

    /**
     * A one-line progress bar with ETA, redrawn in place every half second; a line for each ended variant is printed
     * above it. The bar and the lines share one lock, so they never interleave.
     */
    static final class Bar extends ProgressDisplay {
        private final Object printing = new Object();
        private final PrintStream terminal;
        private final String task;
        private volatile ProgressBar bar;

        Bar(PrintStream terminal, String task) {
            this.terminal = terminal;
            this.task = task;
        }

        @Override
        public void started(int variants, long totalSteps) {
            ProgressBar b = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).setUnit(" steps", 1).setConsumer(new Line(new ConsoleProgressBarConsumer(terminal)))
                    .build();
            b.setExtraMessage("0/" + variants + " variants");
            bar = b;
        }

        @Override
        public void advanced(long steps) {
            ProgressBar b = bar;
            if (b != null) b.stepBy(steps);
        }

        @Override
        public void variantEnded(VariantSummary summary, int ended, int total) {
            ProgressBar b = bar;
            if (b != null) b.setExtraMessage(ended + "/" + total + " variants");
            synchronized (printing) {
                terminal.print("\r\033[K");
                terminal.println(line(summary, ended, total));
                terminal.flush();
            }
        }

        /** Draws the bar's last state and leaves it on its own line. */
        @Override
        public void close() {
            ProgressBar b = bar;
            bar = null;
            if (b != null) b.close();
        }

        /** The console consumer, behind the printing lock. */
        private final class Line implements ProgressBarConsumer {
            private final ConsoleProgressBarConsumer console;

            Line(ConsoleProgressBarConsumer console) {
                this.console = console;
            }

            @Override
            public int getMaxRenderedLength() {
                return console.getMaxRenderedLength();
            }

            @Override
            public void accept(String rendered) {
                synchronized (printing) {
                    console.accept(rendered);
                }
            }

            @Override
            public void close() {
                synchronized (printing) {
                    console.close();
                }
            }
        }
    }
}
