package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.ForwardProfile.Stage;

/**
 * Hugging Face {@code BertIntermediate}: {@code act(dense(hidden_states))}, the feed-forward's up
 * projection; {@code dense} carries the activation, which the matmul applies to its outputs.
 */
record BertIntermediate(Linear dense) {

    /** {@code dense} {@code [intermediate, hidden]}; the activation is config.json's {@code hidden_act}. */
    static BertIntermediate load(WeightPath p, EncoderConfig config) {
        return new BertIntermediate(
                Linear.load(p.pp("dense"), config.hiddenSize(), config.intermediateSize(), config.hiddenAct()));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.work [T, intermediate]}. */
    void forward(Compute c, RunState s) {
        // s.work [T, intermediate] = act(s.hidden W^T + b), the activation fused into the matmul
        c.linear(dense, s.hidden, 0, s.tokens, s.work);
        s.lap(Stage.FFN_UP_GELU);
    }
}
