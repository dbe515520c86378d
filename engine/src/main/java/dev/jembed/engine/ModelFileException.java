package dev.jembed.engine;

import java.nio.file.Path;

/**
 * A model file (safetensors, ONNX, config.json, a sharded index) is missing, malformed, hostile or
 * inconsistent with its config. The message always names the file and the reason.
 */
public class ModelFileException extends RuntimeException {
    private final transient Path file;

    public ModelFileException(Path file, String reason) {
        this(file, reason, null);
    }

    public ModelFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
