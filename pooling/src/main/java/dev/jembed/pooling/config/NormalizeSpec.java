package dev.jembed.pooling.config;

/** sentence-transformers' {@code Normalize} module: L2 normalization of the sentence embedding. */
public record NormalizeSpec() implements ModuleSpec {
    @Override
    public String describe() {
        return "Normalize()";
    }
}
