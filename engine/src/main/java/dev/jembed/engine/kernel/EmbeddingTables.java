package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The tables {@link Kernels#embeddingSum} adds up, each {@code [rows, dim]} little-endian float32
 * read in place (usually mapped from the checkpoint). Built once when a model is loaded.
 *
 * @param type the token-type table, or null when the model has none (then type ids are ignored)
 */
public record EmbeddingTables(MemorySegment word, MemorySegment type, MemorySegment pos, int dim) {

    /**
     * Checks the required tables and the dimension.
     *
     * @throws IllegalArgumentException if {@code dim} is not positive
     */
    public EmbeddingTables {
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(pos, "pos");
        if (dim <= 0) throw new IllegalArgumentException("embedding dim " + dim + " must be positive");
    }
}
