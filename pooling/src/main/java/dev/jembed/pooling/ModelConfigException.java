package dev.jembed.pooling;

import dev.jembed.engine.ModelFileException;
import java.nio.file.Path;

/**
 * A sentence-transformers configuration file (modules.json, sentence_bert_config.json,
 * 1_Pooling/config.json, config_sentence_transformers.json, a Dense config) is missing, malformed or
 * asks for something jembed does not support. The message names the file, the field and the reason.
 */
public final class ModelConfigException extends ModelFileException {
    private final String field;

    public ModelConfigException(Path file, String field, String reason) {
        super(file, field == null ? reason : "field '" + field + "': " + reason);
        this.field = field;
    }

    public ModelConfigException(Path file, String field, String reason, Throwable cause) {
        super(file, field == null ? reason : "field '" + field + "': " + reason, cause);
        this.field = field;
    }

    /** The offending JSON field as a JSON Pointer such as {@code /modules/2/type}, or null for the whole file. */
    public String field() {
        return field;
    }
}
