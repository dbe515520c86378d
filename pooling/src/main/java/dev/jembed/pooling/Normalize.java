package dev.jembed.pooling;

/** sentence-transformers' {@code Normalize} module: {@link Normalization#normalize} of a copy. */
record Normalize() implements HeadModule {
    @Override
    public float[] apply(float[] embedding) {
        return Normalization.normalize(embedding.clone());
    }

    @Override
    public int outputDimension(int inputDimension) {
        return inputDimension;
    }
}
