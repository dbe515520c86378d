package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.ForwardProfile.Stage;

/** Hugging Face {@code BertOutput}: {@code LayerNorm(dense(intermediate) + hidden_states)}, the feed-forward's down projection. */
record BertOutput(Linear dense, LayerNorm layerNorm) {

    /** {@code dense} {@code [hidden, intermediate]}, {@code LayerNorm}. */
    static BertOutput load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        return new BertOutput(
                Linear.load(p.pp("dense"), config.intermediateSize(), hidden),
                LayerNorm.load(p.pp("LayerNorm"), hidden, config.layerNormEps()));
    }

    /** {@code s.work [T, intermediate]} and {@code s.hidden} to the new {@code s.hidden [T, hidden]}. */
    void forward(Compute c, RunState s) {
        // s.spare [T, hidden] = s.work W^T + b
        c.linear(dense, s.work, 0, s.tokens, s.spare);
        s.lap(Stage.FFN_DOWN);
        // s.hidden [T, hidden] = LayerNorm(s.spare + s.hidden)
        c.residualLayerNorm(layerNorm, s);
        s.lap(Stage.OUTPUT_NORM);
    }
}
