package dev.jembed.tools.onnx;

import java.nio.file.Path;

/**
 * An ONNX file is missing, unreadable, not ONNX, truncated, or holds a graph the importer does not
 * understand; the message names the file and says which.
 */
public final class OnnxException extends RuntimeException {
    private final transient Path file;

    public OnnxException(Path file, String reason) {
        this(file, reason, null);
    }

    public OnnxException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
