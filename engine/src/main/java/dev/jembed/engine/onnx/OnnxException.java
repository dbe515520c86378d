package dev.jembed.engine.onnx;

import dev.jembed.engine.ModelFileException;

import java.nio.file.Path;

/** An ONNX file is not ONNX, is truncated, or holds a graph the importer does not understand; the message says which. */
public final class OnnxException extends ModelFileException {

    public OnnxException(Path file, String reason) {
        super(file, reason);
    }

    public OnnxException(Path file, String reason, Throwable cause) {
        super(file, reason, cause);
    }
}
