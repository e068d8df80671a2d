package dev.gradflow.cli;

import dev.gradflow.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr ({@code gradflow: …}) and an exit code; {@code --debug} adds the stack
 * trace. Usage errors exit with 2, user errors (bad input, unreadable files, diverged training) with 1, and
 * anything unexpected (a bug) with 70.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int USAGE = 2;
    static final int USER_ERROR = 1;
    static final int INTERNAL_ERROR = 70;

    private final PrintWriter err;
    private final boolean debug;

    ErrorReporter(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    /** True when {@code --debug} appears before any {@code --} end-of-options marker. */
    static boolean debugRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--")) return false;
            if (a.equals("--debug")) return true;
        }
        return false;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println("gradflow: " + e.getMessage() + " (see '" + command + " --help')");
        if (debug) e.printStackTrace(err);
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ParameterException p) return handleParseException(p, parseResult.originalArgs().toArray(String[]::new));
        boolean userError = e instanceof UserException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof TrainingDivergedException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UncheckedIOException u && u.getCause() != null) message = describe(u.getCause());
        else if (e instanceof IOException io) message = describe(io);
        if (userError) {
            err.println("gradflow: " + message);
        } else {
            err.println("gradflow: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
        }
        if (debug) e.printStackTrace(err);
        err.flush();
        return userError ? USER_ERROR : INTERNAL_ERROR;
    }

    private static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file or directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException f -> "already exists: " + f.getFile();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
