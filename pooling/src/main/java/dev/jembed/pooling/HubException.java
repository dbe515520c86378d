package dev.jembed.pooling;

/**
 * A model id could not be resolved: not in the cache while offline, refused by the hub (401, 403,
 * 404), a failed or corrupt download. The message says which model, which file or URL and why.
 */
public final class HubException extends RuntimeException {
    private final int status;

    public HubException(String message) {
        this(message, 0, null);
    }

    public HubException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public HubException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status that caused this, or 0. */
    public int status() {
        return status;
    }
}
