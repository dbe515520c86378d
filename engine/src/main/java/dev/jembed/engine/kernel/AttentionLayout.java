package dev.jembed.engine.kernel;

/**
 * Where {@link Kernels#attention} finds Q, K, V and puts the context, fixed for a model: Q, K and V
 * are side by side in rows of {@code ld} floats, head h of token t at {@code row(t) + qCol + h*headDim}
 * (likewise {@code kCol}, {@code vCol}); the context of head h goes to {@code h*headDim} of an output
 * row of {@code ldo} floats. Built once when a model is loaded.
 *
 * @param scale the factor on every score, usually {@code 1/sqrt(headDim)}
 */
public record AttentionLayout(int ld, int qCol, int kCol, int vCol, int headDim, float scale, int ldo) {

    /**
     * The layout of a fused {@code [T, 3*hidden]} projection, {@code Q | K | V} in each row, with
     * {@code heads} heads of {@code hidden / heads} and scale {@code 1/sqrt(headDim)}, into a
     * {@code [T, hidden]} context.
     */
    public static AttentionLayout fusedQkv(int hidden, int heads) {
        if (heads <= 0 || hidden <= 0 || hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
        }
        int headDim = hidden / heads;
        return new AttentionLayout(
                3 * hidden, 0, hidden, 2 * hidden, headDim, (float) (1.0 / Math.sqrt(headDim)), hidden);
    }
}
