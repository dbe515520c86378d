package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.ForwardProfile.Stage;

/**
 * Hugging Face DistilBERT's {@code FFN}: {@code lin2(activation(lin1(x)))}, {@code lin1} carrying the
 * activation; the residual LayerNorm belongs to the {@link TransformerBlock}.
 */
record FFN(Linear lin1, Linear lin2) {

    /** {@code lin1} {@code [hidden_dim, dim]}, {@code lin2} {@code [dim, hidden_dim]}; the activation is config.json's. */
    static FFN load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize(), intermediate = config.intermediateSize();
        return new FFN(
                Linear.load(p.pp("lin1"), hidden, intermediate, config.hiddenAct()),
                Linear.load(p.pp("lin2"), intermediate, hidden));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.spare [T, hidden]}. */
    void forward(Compute c, RunState s) {
        // s.work [T, intermediate] = activation(s.hidden W1^T + b1), the activation fused into the matmul
        c.linear(lin1, s.hidden, 0, s.tokens, s.work);
        s.lap(Stage.FFN_UP_GELU);
        // s.spare [T, hidden] = s.work W2^T + b2
        c.linear(lin2, s.work, 0, s.tokens, s.spare);
        s.lap(Stage.FFN_DOWN);
    }
}
