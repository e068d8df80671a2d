package dev.gradflow.cli;

import dev.gradflow.cli.bench.BenchCommand;
import dev.gradflow.cli.diagnose.DiagnoseCommand;
import dev.gradflow.cli.lrfind.LrFindCommand;
import dev.gradflow.cli.predict.PredictCommand;
import dev.gradflow.cli.run.ReportCommand;
import dev.gradflow.cli.run.RunCommand;
import dev.gradflow.cli.seed.SeedCommand;
import dev.gradflow.cli.train.TrainCommand;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code gradflow} command. Each job is a subcommand; user errors print one line and exit non-zero, with the
 * stack trace only under {@code --debug}.
 */
@Command(
        name = "gradflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trains neural networks by gradient descent and shows how the gradient flows.",
        subcommands = {SeedCommand.class, RunCommand.class, ReportCommand.class, TrainCommand.class, PredictCommand.class,
            DiagnoseCommand.class, LrFindCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'gradflow COMMAND --help' for a command's options."})
public final class GradflowCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the full stack trace instead of one line.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command, print the usage (and fail, so scripts notice). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code: 0 on success, 2 for usage errors, 1 for other errors. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        ErrorReporter reporter = new ErrorReporter(err, ErrorReporter.debugRequested(args));
        CommandLine commandLine = new CommandLine(new GradflowCommand())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(reporter)
                .setExecutionExceptionHandler(reporter);
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli hands Errors through. The heap is full, not broken: say so in one line and how to give more.
            err.printf(Locale.ROOT, "gradflow: the Java heap is full (%s; at most %d MiB); give the JVM more, e.g."
                    + " GRADFLOW_JAVA_OPTS=-Xmx4g ./gradflow ...%n", e.getMessage(), Runtime.getRuntime().maxMemory() >> 20);
            if (ErrorReporter.debugRequested(args)) e.printStackTrace(err);
            code = 1;
        } catch (ExceptionInInitializerError e) {
            // A bad -Dgradflow.… property is refused when the class that reads it loads: one line, as for bad options.
            if (!(e.getCause() instanceof IllegalArgumentException bad)) throw e;
            err.println("gradflow: " + bad.getMessage());
            if (ErrorReporter.debugRequested(args)) e.printStackTrace(err);
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }
}
