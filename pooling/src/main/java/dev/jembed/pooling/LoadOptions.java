package dev.jembed.pooling;

import dev.jembed.pooling.hub.ModelLocator;

import java.util.Objects;

/**
 * How {@link SentenceTransformer#load(String, LoadOptions)} finds and runs a model.
 *
 * @param threads     threads of the encoder's pool; 0 means the engine's default (all cores, or
 *                    {@code -Djembed.threads})
 * @param truncateDim the model-wide {@code truncate_dim} (sentence-transformers' constructor
 *                    argument), or null; an encode call may override it
 * @param locator     resolves model ids (environment, cache, hub)
 */
public record LoadOptions(int threads, Integer truncateDim, ModelLocator locator) {

    public LoadOptions {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        if (truncateDim != null && truncateDim < 1) throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
        Objects.requireNonNull(locator, "locator");
    }

    /** Default threads, no truncation, the real environment. */
    public static LoadOptions defaults() {
        return new LoadOptions(0, null, ModelLocator.standard());
    }

    public LoadOptions withThreads(int threads) {
        return new LoadOptions(threads, truncateDim, locator);
    }

    public LoadOptions withTruncateDim(Integer truncateDim) {
        return new LoadOptions(threads, truncateDim, locator);
    }

    public LoadOptions withLocator(ModelLocator locator) {
        return new LoadOptions(threads, truncateDim, locator);
    }
}
