package dev.jembed.pooling;

/**
 * A module that works on the pooled sentence embedding: a {@link Dense} projection or a
 * {@link Normalize}. Implementations are immutable and thread-safe.
 */
sealed interface HeadModule permits Dense, Normalize {

    /** The module applied to one embedding; the input is not modified. */
    float[] apply(float[] embedding);

    /** Size of the output for an input of {@code inputDimension}. */
    int outputDimension(int inputDimension);
}
