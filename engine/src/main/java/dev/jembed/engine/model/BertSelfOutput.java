package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.ForwardProfile.Stage;

/** Hugging Face {@code BertSelfOutput}: {@code LayerNorm(dense(context) + hidden_states)}. */
record BertSelfOutput(Linear dense, LayerNorm layerNorm) {

    /** {@code dense} {@code [hidden, hidden]}, {@code LayerNorm}. */
    static BertSelfOutput load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        return new BertSelfOutput(
                Linear.load(p.pp("dense"), hidden, hidden),
                LayerNorm.load(p.pp("LayerNorm"), hidden, config.layerNormEps()));
    }

    /** The context at {@code s.work[s.contextOffset()]} and {@code s.hidden} to the new {@code s.hidden [T, hidden]}. */
    void forward(Compute c, RunState s) {
        // s.spare [T, hidden] = context W^T + b
        c.linear(dense, s.work, s.contextOffset(), s.tokens, s.spare);
        s.lap(Stage.ATTENTION_OUTPUT);
        // s.hidden [T, hidden] = LayerNorm(s.spare + s.hidden)
        c.residualLayerNorm(layerNorm, s);
        s.lap(Stage.ATTENTION_NORM);
    }
}
