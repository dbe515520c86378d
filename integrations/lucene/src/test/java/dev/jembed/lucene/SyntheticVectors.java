package dev.jembed.lucene;

import java.util.Random;

/**
 * Deterministic unit vectors shaped like sentence embeddings: points scattered around a few
 * hundred random topic centres, so that near neighbours exist (uniform random vectors in 384
 * dimensions are all nearly orthogonal, a case no real corpus looks like). Also used by bench/.
 */
public final class SyntheticVectors {
    private final float[][] centres;
    private final Random random;
    private final int dimension;

    /** A generator of {@code dimension}-dimensional vectors around {@code topics} centres drawn from {@code seed}. */
    public SyntheticVectors(long seed, int dimension, int topics) {
        this.random = new Random(seed);
        this.dimension = dimension;
        this.centres = new float[topics][];
        for (int t = 0; t < topics; t++) centres[t] = normalize(gaussian(1f));
    }

    /** The next vector: a random topic's centre plus noise of about the same norm, normalized. */
    public float[] next() {
        float[] c = centres[random.nextInt(centres.length)];
        float[] noise = gaussian((float) (0.9 / Math.sqrt(dimension)));
        for (int i = 0; i < dimension; i++) noise[i] += c[i];
        return normalize(noise);
    }

    /** The next {@code n} vectors. */
    public float[][] next(int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = next();
        return out;
    }

    private float[] gaussian(float scale) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) v[i] = (float) random.nextGaussian() * scale;
        return v;
    }

    static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) n += (double) x * x;
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
        return v;
    }
}
