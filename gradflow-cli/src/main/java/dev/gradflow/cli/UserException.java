package dev.gradflow.cli;

/** A problem the user can fix (bad option value, unusable file); reported as one line, exit code 1. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
