package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.ForwardProfile.Stage;

/**
 * Hugging Face DistilBERT's {@code MultiHeadSelfAttention}: {@code q_lin}, {@code k_lin}, {@code v_lin}
 * (BERT's self-attention, {@link BertSelfAttention}) and the output projection {@code out_lin}; the
 * residual LayerNorm belongs to the {@link TransformerBlock}.
 */
record MultiHeadSelfAttention(BertSelfAttention heads, Linear outLin) {

    /** {@code q_lin}, {@code k_lin}, {@code v_lin}, {@code out_lin}, all {@code [hidden, hidden]}. */
    static MultiHeadSelfAttention load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        return new MultiHeadSelfAttention(
                new BertSelfAttention(
                        Linear.load(p.pp("q_lin"), hidden, hidden),
                        Linear.load(p.pp("k_lin"), hidden, hidden),
                        Linear.load(p.pp("v_lin"), hidden, hidden),
                        config),
                Linear.load(p.pp("out_lin"), hidden, hidden));
    }

    /** {@code s.hidden [T, hidden]} to the attention output {@code s.spare [T, hidden]}. */
    void forward(Compute c, RunState s) {
        heads.forward(c, s); // context [T, hidden] in s.work
        // s.spare [T, hidden] = context W^T + b
        c.linear(outLin, s.work, s.contextOffset(), s.tokens, s.spare);
        s.lap(Stage.ATTENTION_OUTPUT);
    }
}
