package dev.jembed.engine;

/**
 * A backend was asked for by name but is not installed, or cannot run here (no runtime, no device).
 * The message is one line naming the backend and what is missing.
 */
public final class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
