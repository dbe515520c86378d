package dev.jembed.engine;

import java.util.Objects;

/**
 * Whether a {@link Backend} can run in this JVM: the device it runs on, or why it cannot.
 *
 * @param available true if encoders can be loaded on it
 * @param detail    the device when available (e.g. {@code "[Portable Computing Language] pthread-skylake"}),
 *                  otherwise one line naming what is missing
 */
public record BackendStatus(boolean available, String detail) {

    public BackendStatus {
        Objects.requireNonNull(detail, "detail");
    }

    /** A backend that runs on {@code device}. */
    public static BackendStatus ready(String device) {
        return new BackendStatus(true, device);
    }

    /** A backend that cannot run, because of {@code reason}. */
    public static BackendStatus missing(String reason) {
        return new BackendStatus(false, reason);
    }
}
