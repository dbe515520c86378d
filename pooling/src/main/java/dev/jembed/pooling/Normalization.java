package dev.jembed.pooling;

/**
 * L2 normalization as PyTorch's {@code F.normalize(x, p=2, dim=1)}, which sentence-transformers'
 * {@code Normalize} module and {@code normalize_embeddings=True} both use:
 * {@code x / max(||x||, 1e-12)}, so a zero vector stays zero.
 */
final class Normalization {
    /** PyTorch's default {@code eps} of {@code F.normalize}. */
    public static final float EPS = 1e-12f;

    private Normalization() {}

    /** Normalizes {@code v[off .. off+n)} in place. */
    public static void normalize(float[] v, int off, int n) {
        float norm = Math.max(VectorOps.norm(v, off, n), EPS);
        VectorOps.divide(v, off, n, norm);
    }

    /** Normalizes {@code v} in place and returns it. */
    public static float[] normalize(float[] v) {
        normalize(v, 0, v.length);
        return v;
    }

    /** A normalized copy of every row. */
    public static float[][] normalizedCopy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = normalize(rows[i].clone());
        return out;
    }
}
