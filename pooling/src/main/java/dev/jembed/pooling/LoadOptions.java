package dev.jembed.pooling;

import dev.jembed.engine.WeightFormat;
import dev.jembed.pooling.hub.HubEnvironment;
import dev.jembed.pooling.hub.ModelLocator;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How {@link SentenceTransformer#load(String, LoadOptions)} finds and runs a model.
 *
 * @param threads     threads of the encoder's pool; 0 means the engine's default (all cores, or
 *                    {@code -Djembed.threads})
 * @param truncateDim the model-wide {@code truncate_dim} (sentence-transformers' constructor
 *                    argument), or null; an encode call may override it
 * @param weights     the in-memory format of the encoder's Linear weights ({@code F32}, {@code BF16},
 *                    {@code INT8}), or null for the engine's default (float32, or {@code -Djembed.weights})
 * @param backend     the engine backend ({@code cpu}, {@code tornado}, {@code auto}), or null for the
 *                    engine's default ({@code cpu}, or {@code -Djembed.backend})
 * @param hubCache    the Hugging Face cache folder model ids are looked up in and downloaded to, or
 *                    null for the environment's ({@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else
 *                    {@code ~/.cache/huggingface/hub}), the folder Python shares
 * @param offline     true to never contact the hub (as {@code HF_HUB_OFFLINE=1}, which also turns it on):
 *                    an id must be embedded or already cached
 */
public record LoadOptions(
        int threads, Integer truncateDim, WeightFormat weights, String backend, Path hubCache, boolean offline) {

    public LoadOptions {
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        if (truncateDim != null && truncateDim < 1)
            throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
    }

    /** Default threads, no truncation, the engine's default weight format and backend, the environment's hub settings. */
    public static LoadOptions defaults() {
        return new LoadOptions(0, null, null, null, null, false);
    }

    public LoadOptions withThreads(int threads) {
        return with(c -> c.threads = threads);
    }

    public LoadOptions withTruncateDim(Integer truncateDim) {
        return with(c -> c.truncateDim = truncateDim);
    }

    /** Keeps the Linear weights as {@code weights} (null: the engine's default). */
    public LoadOptions withWeights(WeightFormat weights) {
        return with(c -> c.weights = weights);
    }

    /** Runs the encoder on {@code backend}: {@code cpu}, {@code tornado}, {@code auto} (null: the engine's default). */
    public LoadOptions withBackend(String backend) {
        return with(c -> c.backend = backend);
    }

    /** Looks model ids up in, and downloads them to, the Hugging Face cache {@code hubCache} (null: the environment's). */
    public LoadOptions withHubCache(Path hubCache) {
        return with(c -> c.hubCache = hubCache);
    }

    /** Never contacts the hub when {@code offline} (false: unless {@code HF_HUB_OFFLINE} says so). */
    public LoadOptions withOffline(boolean offline) {
        return with(c -> c.offline = offline);
    }

    /** The Hugging Face environment of this process, with these options' cache and offline mode. */
    ModelLocator locator() {
        HubEnvironment env = HubEnvironment.system();
        if (hubCache != null)
            env = env.with("HF_HUB_CACHE", hubCache.toAbsolutePath().toString());
        if (offline) env = env.with("HF_HUB_OFFLINE", "1");
        return new ModelLocator(env);
    }

    /** These options with one component changed: the record's components written out once, here (as {@link EncodeOptions}). */
    private LoadOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new LoadOptions(c.threads, c.truncateDim, c.weights, c.backend, c.hubCache, c.offline);
    }

    /** A mutable copy of the components, alive only inside {@link #with}. */
    private static final class Copy {
        int threads;
        Integer truncateDim;
        WeightFormat weights;
        String backend;
        Path hubCache;
        boolean offline;

        Copy(LoadOptions o) {
            threads = o.threads;
            truncateDim = o.truncateDim;
            weights = o.weights;
            backend = o.backend;
            hubCache = o.hubCache;
            offline = o.offline;
        }
    }
}
