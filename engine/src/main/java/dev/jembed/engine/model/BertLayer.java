package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;

/** Hugging Face {@code BertLayer} (post-LayerNorm): {@code attention}, then {@code intermediate} and {@code output}, the feed-forward. */
record BertLayer(BertAttention attention, BertIntermediate intermediate, BertOutput output) {

    /** {@code attention}, {@code intermediate}, {@code output}. */
    static BertLayer load(WeightPath p, EncoderConfig config) {
        return new BertLayer(
                BertAttention.load(p.pp("attention"), config),
                BertIntermediate.load(p.pp("intermediate"), config),
                BertOutput.load(p.pp("output"), config));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.hidden [T, hidden]}. */
    void forward(Compute c, RunState s) {
        attention.forward(c, s); // s.hidden [T, hidden]
        intermediate.forward(c, s); // s.work [T, intermediate]
        output.forward(c, s); // s.hidden [T, hidden]
    }
}
