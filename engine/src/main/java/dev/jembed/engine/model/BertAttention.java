package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;

/** Hugging Face {@code BertAttention}: {@code self} ({@link BertSelfAttention}) then {@code output} ({@link BertSelfOutput}). */
record BertAttention(BertSelfAttention self, BertSelfOutput output) {

    /** {@code self}, {@code output}. */
    static BertAttention load(WeightPath p, EncoderConfig config) {
        return new BertAttention(
                BertSelfAttention.load(p.pp("self"), config), BertSelfOutput.load(p.pp("output"), config));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.hidden [T, hidden]}. */
    void forward(Compute c, RunState s) {
        self.forward(c, s); // context [T, hidden] in s.work
        output.forward(c, s); // s.hidden [T, hidden]
    }
}
