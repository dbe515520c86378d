package dev.jembed.engine.safetensors;

import dev.jembed.engine.ModelFileException;
import java.nio.file.Path;

/** A safetensors file or its sharded index is malformed, hostile or inconsistent; the message names the file and why. */
public final class SafetensorsException extends ModelFileException {

    public SafetensorsException(Path file, String reason) {
        super(file, reason);
    }

    public SafetensorsException(Path file, String reason, Throwable cause) {
        super(file, reason, cause);
    }
}
