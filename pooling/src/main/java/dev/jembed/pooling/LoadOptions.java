package dev.jembed.pooling;

import dev.jembed.engine.WeightFormat;
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
 * @param weights     the in-memory format of the encoder's Linear weights ({@code F32}, {@code BF16},
 *                    {@code INT8}), or null for the engine's default (float32, or {@code -Djembed.weights})
 * @param backend     the engine backend ({@code cpu}, {@code tornado}, {@code auto}), or null for the
 *                    engine's default ({@code cpu}, or {@code -Djembed.backend})
 */
public record LoadOptions(
        int threads, Integer truncateDim, ModelLocator locator, WeightFormat weights, String backend) {

    public LoadOptions {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        if (truncateDim != null && truncateDim < 1)
            throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
        Objects.requireNonNull(locator, "locator");
    }

    /** The engine's default backend. */
    public LoadOptions(int threads, Integer truncateDim, ModelLocator locator, WeightFormat weights) {
        this(threads, truncateDim, locator, weights, null);
    }

    /** The engine's default weight format and backend. */
    public LoadOptions(int threads, Integer truncateDim, ModelLocator locator) {
        this(threads, truncateDim, locator, null);
    }

    /** Default threads, no truncation, the real environment, the engine's default weight format. */
    public static LoadOptions defaults() {
        return new LoadOptions(0, null, ModelLocator.standard(), null, null);
    }

    public LoadOptions withThreads(int threads) {
        return new LoadOptions(threads, truncateDim, locator, weights, backend);
    }

    public LoadOptions withTruncateDim(Integer truncateDim) {
        return new LoadOptions(threads, truncateDim, locator, weights, backend);
    }

    public LoadOptions withLocator(ModelLocator locator) {
        return new LoadOptions(threads, truncateDim, locator, weights, backend);
    }

    /** Keeps the Linear weights as {@code weights} (null: the engine's default). */
    public LoadOptions withWeights(WeightFormat weights) {
        return new LoadOptions(threads, truncateDim, locator, weights, backend);
    }

    /** Runs the encoder on {@code backend}: {@code cpu}, {@code tornado}, {@code auto} (null: the engine's default). */
    public LoadOptions withBackend(String backend) {
        return new LoadOptions(threads, truncateDim, locator, weights, backend);
    }
}
