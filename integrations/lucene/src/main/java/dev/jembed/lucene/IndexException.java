package dev.jembed.lucene;

import java.nio.file.Path;

/**
 * A vector index directory that cannot be used as asked: missing, foreign, corrupt, built with
 * another model, or locked by another writer. The message names the directory and the reason.
 */
public final class IndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;

    public IndexException(Path directory, String reason) {
        this(directory, reason, null);
    }

    public IndexException(Path directory, String reason, Throwable cause) {
        super(directory + ": " + reason, cause);
        this.directory = directory;
    }

    /** The index directory concerned. */
    public Path directory() {
        return directory;
    }
}
