package dev.jembed.cli;

/**
 * A failure the command explains itself (an empty corpus, a malformed pairs file): status 1 and the
 * message, which names the file and the reason.
 */
final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
