package dev.jembed.cli;

/**
 * A command line the user got wrong (unknown option, missing value, bad number): the command exits
 * with status 2 and prints the message, never a stack trace.
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
