package dev.jembed.engine.model;

import dev.jembed.engine.model.ForwardProfile.Stage;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Wall time of each stage of the encoder's forward passes, summed over all calls in this JVM, for
 * benchmarks that show where a forward pass spends its time ({@code bench/}'s {@code StageProfile}).
 * Off unless the JVM runs with {@code -Djembed.profile=true}: the switch is a static final, so the
 * JIT removes the clock reads entirely when it is off.
 *
 * <p>Stages are timed on the thread that calls the encoder, around work the pool may share among
 * threads, so they add up to the forward pass.
 */
public final class ForwardProfile {
    /** The stages of a forward pass, in order, as Hugging Face's BERT modules run them. */
    public enum Stage {
        /** Word + token type + position embeddings and their LayerNorm. */
        EMBEDDINGS,
        /** The Q, K and V projections with their biases. */
        QKV,
        /** Scores, softmax and context of every head (one fused kernel per 4 query rows). */
        ATTENTION,
        /** The attention output projection with its bias. */
        ATTENTION_OUTPUT,
        /** Residual add and LayerNorm after attention. */
        ATTENTION_NORM,
        /** The feed-forward up projection with bias and GELU. */
        FFN_UP_GELU,
        /** The feed-forward down projection with its bias. */
        FFN_DOWN,
        /** Residual add and LayerNorm after the feed-forward. */
        OUTPUT_NORM
    }

    static final boolean ENABLED = Boolean.getBoolean("jembed.profile");
    private static final AtomicLongArray NANOS = new AtomicLongArray(Stage.values().length);

    private ForwardProfile() {}

    /** Whether this JVM records stage times ({@code -Djembed.profile=true}). */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Nanoseconds spent in each stage since the start or the last {@link #reset()}, indexed by ordinal. */
    public static long[] nanos() {
        long[] out = new long[NANOS.length()];
        for (int i = 0; i < out.length; i++) out[i] = NANOS.get(i);
        return out;
    }

    /** Sets every stage's time back to zero. */
    public static void reset() {
        for (int i = 0; i < NANOS.length(); i++) NANOS.set(i, 0);
    }

    /** A clock reading to start a stage: {@code System.nanoTime()} when enabled, else 0. */
    public static long start() {
        return ENABLED ? System.nanoTime() : 0L;
    }

    /** Ends {@code stage}, begun at {@code since}; returns the reading that starts the next stage. */
    public static long lap(Stage stage, long since) {
        if (!ENABLED) return 0L;
        long now = System.nanoTime();
        NANOS.addAndGet(stage.ordinal(), now - since);
        return now;
    }
}
