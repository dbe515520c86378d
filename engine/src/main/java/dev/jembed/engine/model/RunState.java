package dev.jembed.engine.model;

import dev.jembed.engine.model.ForwardProfile.Stage;

/**
 * Scratch buffers of one forward pass over a chunk of at most {@code capacity} packed tokens: all
 * sequences of the chunk stacked row after row into {@code [T, hidden]} matrices, no padding, so
 * every dense layer runs once on all {@code T} tokens and attention runs per sequence over its own
 * rows. One instance per model, used under the pool's lock and grown only when a larger chunk
 * arrives; nothing in a forward pass allocates a buffer.
 */
final class RunState {
    final int capacity; // tokens
    final int hiddenSize;
    final int[] ids; // [capacity] word ids
    final int[] typeIds; // [capacity] token type ids (all 0 for DistilBERT, which has none)
    final int[] posIds; // [capacity] position ids
    final int[] start; // [capacity + 1] packed row of each sequence's first token; start[sequences] = tokens
    float[] hidden; // [capacity, hidden] the residual stream, input and output of every layer
    float[] spare; // [capacity, hidden] dense outputs; swapped with the residual stream after each residual LayerNorm
    // [capacity, max(intermediate, 4*hidden)] one buffer for two phases that never overlap: during
    // attention, Q | K | V side by side ([T, 3*hidden] from 0) then the context, heads concatenated
    // ([T, hidden] from contextOffset()); then the activated feed-forward ([T, intermediate] from 0).
    // Sharing it keeps the scratch at 6 floats per hidden unit and token instead of 10.
    final float[] work;

    int tokens; // T: rows of the current chunk
    int sequences; // sequences of the current chunk
    private long clock; // ForwardProfile reading at the start of the current stage

    RunState(int capacity, int hidden, int intermediate) {
        this.capacity = capacity;
        this.hiddenSize = hidden;
        ids = new int[capacity];
        typeIds = new int[capacity];
        posIds = new int[capacity];
        start = new int[capacity + 1];
        this.hidden = new float[capacity * hidden];
        spare = new float[capacity * hidden];
        work = new float[capacity * Math.max(intermediate, 4 * hidden)];
    }

    /** Where the attention context {@code [T, hidden]} starts in {@link #work}: after Q | K | V. */
    int contextOffset() {
        return tokens * 3 * hiddenSize;
    }

    /** Tokens of sequence {@code q} of the chunk. */
    int length(int q) {
        return start[q + 1] - start[q];
    }

    /** After {@code spare} received LayerNorm(dense + hidden), it becomes the residual stream. */
    void swap() {
        float[] t = hidden;
        hidden = spare;
        spare = t;
    }

    /** Starts timing the first stage of a chunk (a no-op unless {@link ForwardProfile#enabled()}). */
    void startClock() {
        clock = ForwardProfile.start();
    }

    /** Ends {@code stage} and starts the next one. */
    void lap(Stage stage) {
        clock = ForwardProfile.lap(stage, clock);
    }
}
