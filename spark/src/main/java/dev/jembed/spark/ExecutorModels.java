package dev.jembed.spark;

import dev.jembed.engine.WeightFormat;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models of this JVM, one per {@link Key}: every task of an executor that asks for the same
 * model, thread count and weight format gets the same {@link SentenceTransformer}, loaded by the
 * first task that needs it (the others wait for that load instead of starting their own). The model
 * is thread-safe; concurrent tasks' forward passes take turns on its thread pool, so the threads
 * computing at any moment never exceed {@code threads}.
 *
 * <p>Models live as long as the JVM, as executors do. In local mode the executor is the driver's
 * JVM, which outlives the session: {@link #closeAll()} (called when the application ends, see
 * {@link JembedSpark}) releases them.
 */
final class ExecutorModels {
    /** What makes two loads the same model. */
    record Key(String model, int threads, String weights) {}

    private static final Map<Key, Slot> MODELS = new ConcurrentHashMap<>();
    /** Loads done in this JVM, for the tests' one-model-per-JVM check. */
    private static final AtomicInteger LOADS = new AtomicInteger();

    /** One key's model, loaded at most once at a time under the slot's lock. */
    private static final class Slot {
        private SentenceTransformer model;
    }

    private ExecutorModels() {}

    /** The model for {@code key}, loading it if this JVM has none yet. */
    static SentenceTransformer get(Key key) {
        Slot slot = MODELS.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (slot.model == null) {
                LoadOptions options = LoadOptions.defaults().withThreads(key.threads());
                if (key.weights() != null) options = options.withWeights(WeightFormat.parse(key.weights()));
                try {
                    slot.model = SentenceTransformer.load(key.model(), options);
                } catch (RuntimeException e) {
                    throw new JembedSparkException(
                            "jembed: cannot load the model \"" + key.model() + "\" on this executor: " + e.getMessage(),
                            e);
                }
                LOADS.incrementAndGet();
            }
            return slot.model;
        }
    }

    /** Closes and forgets every model of this JVM; a later {@link #get} loads again. */
    static void closeAll() {
        List<Slot> slots = new ArrayList<>(MODELS.values());
        MODELS.clear();
        for (Slot slot : slots) {
            synchronized (slot) {
                if (slot.model != null) slot.model.close();
                slot.model = null;
            }
        }
    }

    /** Models currently loaded in this JVM. */
    static int loaded() {
        int n = 0;
        for (Slot slot : MODELS.values()) {
            synchronized (slot) {
                if (slot.model != null) n++;
            }
        }
        return n;
    }

    /** Models loaded by this JVM since it started. */
    static int loads() {
        return LOADS.get();
    }
}
