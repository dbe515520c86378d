package dev.jembed.pooling.config;

/**
 * One entry of a sentence-transformers pipeline as read from {@code modules.json}: the transformer,
 * a pooling layer, a dense projection or a normalization.
 */
public sealed interface ModuleSpec permits TransformerSpec, PoolingConfig, DenseSpec, NormalizeSpec {

    /** A short human-readable description for {@code jembed info}. */
    String describe();
}
