package dev.jembed.pooling;

import java.util.Objects;

/**
 * The similarity functions of sentence-transformers, by the names its {@code similarity_fn_name}
 * uses. Higher is always more similar: the distances are negated, as in sentence-transformers'
 * {@code euclidean_sim} and {@code manhattan_sim}.
 */
public enum SimilarityFunction {
    /** Cosine similarity: each vector divided by {@code max(norm, 1e-12)}, then the dot product ({@code cos_sim}). */
    COSINE("cosine"),
    /** Dot product ({@code dot_score}). */
    DOT("dot"),
    /** Negative Euclidean distance ({@code euclidean_sim}). */
    EUCLIDEAN("euclidean"),
    /** Negative Manhattan (L1) distance ({@code manhattan_sim}). */
    MANHATTAN("manhattan");

    private final String pythonName;

    SimilarityFunction(String pythonName) {
        this.pythonName = pythonName;
    }

    /** The sentence-transformers name, e.g. {@code cosine}. */
    public String pythonName() {
        return pythonName;
    }

    /** The function for a sentence-transformers name; {@code dot_product} is accepted as {@code dot}, as in its enum. */
    public static SimilarityFunction fromName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.equals("dot_product")) return DOT;
        for (SimilarityFunction f : values()) if (f.pythonName.equals(name)) return f;
        throw new IllegalArgumentException(
                "unknown similarity function \"" + name + "\"; expected cosine, dot, euclidean or manhattan");
    }

    /** The similarity of two vectors of equal length. */
    public float score(float[] a, float[] b) {
        checkLength(a, b);
        return switch (this) {
            case COSINE -> {
                float na = Math.max(VectorOps.norm(a, 0, a.length), Normalization.EPS);
                float nb = Math.max(VectorOps.norm(b, 0, b.length), Normalization.EPS);
                float[] x = a.clone(), y = b.clone();
                VectorOps.divide(x, 0, x.length, na);
                VectorOps.divide(y, 0, y.length, nb);
                yield VectorOps.dot(x, 0, y, 0, x.length);
            }
            case DOT -> VectorOps.dot(a, 0, b, 0, a.length);
            case EUCLIDEAN -> -(float) Math.sqrt(VectorOps.squaredDistance(a, b, a.length));
            case MANHATTAN -> -VectorOps.manhattan(a, b, a.length);
        };
    }

    /** {@code result[i] = score(a[i], b[i])}: sentence-transformers' {@code similarity_pairwise}. */
    public float[] pairwise(float[][] a, float[][] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException(
                    "pairwise needs as many rows in a (" + a.length + ") as in b (" + b.length + ")");
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = score(a[i], b[i]);
        return out;
    }

    /** {@code result[i][j] = score(a[i], b[j])}: sentence-transformers' {@code similarity}. */
    public float[][] matrix(float[][] a, float[][] b) {
        float[][] x = prepare(a), y = prepare(b);
        float[][] out = new float[a.length][b.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                checkLength(x[i], y[j]);
                out[i][j] = prepared(x[i], y[j]);
            }
        }
        return out;
    }

    /** Rows as {@link #prepared} expects them: normalized copies for cosine, the rows themselves otherwise. */
    float[][] prepare(float[][] rows) {
        return this == COSINE ? Normalization.normalizedCopy(rows) : rows;
    }

    /** The score of two rows already passed through {@link #prepare}. */
    float prepared(float[] x, float[] y) {
        return switch (this) {
            case COSINE, DOT -> VectorOps.dot(x, 0, y, 0, x.length);
            case EUCLIDEAN -> -(float) Math.sqrt(VectorOps.squaredDistance(x, y, x.length));
            case MANHATTAN -> -VectorOps.manhattan(x, y, x.length);
        };
    }

    private static void checkLength(float[] a, float[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
    }
}
