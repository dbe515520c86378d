package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The constant operands of {@link Kernels#addLayerNorm}, {@code gamma * (y - mean) / sqrt(var + eps) + beta}
 * over rows of {@code dim}. Built once when a model is loaded.
 *
 * @param gamma {@code [dim]} little-endian float32
 * @param beta  {@code [dim]} little-endian float32
 */
public record LayerNormWeights(MemorySegment gamma, MemorySegment beta, float eps, int dim) {

    /**
     * Checks the segments against {@code dim}.
     *
     * @throws IllegalArgumentException if {@code dim} is not positive or a segment holds fewer than {@code dim} floats
     */
    public LayerNormWeights {
        Objects.requireNonNull(gamma, "gamma");
        Objects.requireNonNull(beta, "beta");
        if (dim <= 0 || gamma.byteSize() < 4L * dim || beta.byteSize() < 4L * dim) {
            throw new IllegalArgumentException("LayerNorm of dim " + dim + " with gamma of " + gamma.byteSize()
                    + " bytes and beta of " + beta.byteSize() + " bytes");
        }
    }
}
