package dev.gradflow.cli.run;

import dev.gradflow.cli.UserException;
import dev.gradflow.lab.RunDirectory;
import dev.gradflow.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradflow report}: reads a run directory — finished, interrupted or still going — prints its table and
 * writes its {@code report.html}. An interrupted run (run.json still "running" but its process gone) is first
 * marked incomplete, its summary rewritten with the missing variants named.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a run directory written by 'gradflow run', prints one row per variant and writes RUN_DIR/report.html.",
            "A run that was interrupted is recognized: run.json becomes \"incomplete\", summary.json and summary.csv are "
                    + "rewritten from the variants' result.json files, and the missing variants are named."
        })
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory (written by gradflow run).")
    Path runDirectory;

    @Spec
    CommandSpec spec;

    /** Up to {@value #NAMED} names, then how many more. */
    static String names(java.util.List<String> missing) {
        if (missing.size() <= NAMED) return String.join(", ", missing);
        return String.join(", ", missing.subList(0, NAMED)) + " and " + (missing.size() - NAMED) + " more (see summary.csv)";
    }

    private static final int NAMED = 10;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(runDirectory)) throw new UserException(runDirectory + ": no such run directory");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunDirectory.Inspection run;
        try {
            run = new RunDirectory(runDirectory).settle();
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);
        }
        int total = run.summary().variants().size();
        if (run.running()) {
            err.printf("%s is still running (pid %d): %d of %d variants have ended%n", run.summary().experiment(), run.state().pid(),
                    total - run.missing().size(), total);
        } else if (!run.missing().isEmpty()) {
            err.printf("%s is incomplete: %d of %d variants missing: %s%n", run.summary().experiment(), run.missing().size(), total,
                    names(run.missing()));
        } else {
            err.printf("%s: %s, %d variants%n", run.summary().experiment(), run.summary().status(), total);
        }
        err.flush();
        out.print(RunTable.of(run.summary()));
        out.flush();
        Path report = ReportWriter.write(runDirectory);
        err.println("wrote " + report);
        err.flush();
        return 0;
    }
}
