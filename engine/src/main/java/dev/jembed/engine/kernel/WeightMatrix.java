package dev.jembed.engine.kernel;

/**
 * A weight {@code [n, k]} the matmul can read, in PyTorch Linear layout (output j, input p is
 * {@code w[j][p]}): packed once at load time ({@link PackedMatrix}, the fast path) or read in place
 * from row-major memory ({@link RowMajorMatrix}, re-laid per call). Both give the same bits.
 */
public sealed interface WeightMatrix permits PackedMatrix, RowMajorMatrix {
    /** Outputs (rows of the weight). */
    int n();

    /** Inputs (columns of the weight). */
    int k();
}
