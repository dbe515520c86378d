package dev.jembed.engine.model;

/**
 * Scratch buffers of one forward pass over a chunk of at most {@code capacity} packed tokens (all
 * sequences of the chunk stacked row after row, no padding). One instance per model, used under
 * the pool's lock and grown only when a larger chunk arrives.
 */
final class RunState {
    final int capacity;   // tokens
    final int[] ids;      // [capacity] word ids
    final int[] typeIds;  // [capacity] token type ids (unused by DistilBERT)
    final int[] posIds;   // [capacity] position ids
    float[] hidden;       // [capacity, hidden] the residual stream, input and output of every layer
    float[] spare;        // [capacity, hidden] dense outputs; swapped with `hidden` after each residual LayerNorm
    // [capacity, max(intermediate, 4*hidden)] one buffer for two phases that never overlap: during
    // attention, Q | K | V side by side ([T, 3*hidden] from 0) then the context, heads concatenated
    // ([T, hidden] from T*3*hidden); then the activated feed-forward ([T, intermediate] from 0).
    // Sharing it keeps the scratch at 6 floats per hidden unit and token instead of 10.
    final float[] work;
    final float[][] scores; // [threads][maxSeqLen] attention scores of one query row, per worker

    RunState(int capacity, int hidden, int intermediate, int threads, int maxSeqLen) {
        this.capacity = capacity;
        ids = new int[capacity];
        typeIds = new int[capacity];
        posIds = new int[capacity];
        this.hidden = new float[capacity * hidden];
        spare = new float[capacity * hidden];
        work = new float[capacity * Math.max(intermediate, 4 * hidden)];
        scores = new float[threads][maxSeqLen];
    }

    /** After {@code spare} received LayerNorm(dense + hidden), it becomes the residual stream. */
    void swap() {
        float[] t = hidden;
        hidden = spare;
        spare = t;
    }
}
