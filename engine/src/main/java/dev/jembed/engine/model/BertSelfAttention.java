package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.kernel.AttentionLayout;
import dev.jembed.engine.model.ForwardProfile.Stage;

/**
 * Hugging Face {@code BertSelfAttention}: {@code softmax(Q K^T / sqrt(head_dim)) V} per head, with
 * {@code Q, K, V} the {@code query}, {@code key} and {@code value} projections of the hidden states.
 * No mask: each sequence attends over its own packed rows only. DistilBERT's {@code q_lin},
 * {@code k_lin}, {@code v_lin} are the same computation ({@link MultiHeadSelfAttention}).
 */
final class BertSelfAttention {
    private final Linear[] qkv; // query, key, value: each [hidden, hidden]
    private final int heads;
    // Q | K | V side by side in rows of 3*hidden, heads of hidden/heads, scale 1/sqrt(head_dim),
    // context rows of hidden
    private final AttentionLayout layout;

    BertSelfAttention(Linear query, Linear key, Linear value, EncoderConfig config) {
        this.qkv = new Linear[] {query, key, value};
        this.heads = config.numAttentionHeads();
        this.layout = AttentionLayout.fusedQkv(config.hiddenSize(), heads);
    }

    /** {@code query}, {@code key}, {@code value}. */
    static BertSelfAttention load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        return new BertSelfAttention(
                Linear.load(p.pp("query"), hidden, hidden),
                Linear.load(p.pp("key"), hidden, hidden),
                Linear.load(p.pp("value"), hidden, hidden),
                config);
    }

    /** {@code s.hidden [T, hidden]} to the context {@code [T, hidden]} at {@code s.work[s.contextOffset()]}. */
    void forward(Compute c, RunState s) {
        int hidden = s.hiddenSize;
        // s.work[0 ..) [T, 3*hidden] = Q | K | V side by side: row t is (q_t, k_t, v_t)
        c.linear(qkv, s.hidden, 0, s.tokens, s.work, 3 * hidden);
        s.lap(Stage.QKV);
        // s.work[contextOffset ..) [T, hidden] = softmax(q k^T * scale) v, heads side by side,
        // one (sequence, head) at a time over that sequence's rows
        long work = 0;
        for (int q = 0; q < s.sequences; q++) work += 2L * s.length(q) * s.length(q) * hidden;
        if (work < Compute.MIN_PARALLEL_WORK) {
            for (int q = 0; q < s.sequences; q++) attend(c, s, q, 0, heads);
        } else {
            c.pool.run(
                    s.sequences * heads, (item, worker) -> attend(c, s, item / heads, item % heads, item % heads + 1));
        }
        s.lap(Stage.ATTENTION);
    }

    /** Heads {@code [h0, h1)} of sequence {@code q}: its rows of Q, K, V to its rows of the context. */
    private void attend(Compute c, RunState s, int q, int h0, int h1) {
        int row = s.start[q];
        // rows [row, row + length) of Q | K | V in s.work [T, 3*hidden] to the same rows of the context
        c.kernels.attention(
                layout, s.work, row * layout.ld(), s.length(q), h0, h1, s.work, s.contextOffset() + row * layout.ldo());
    }
}
