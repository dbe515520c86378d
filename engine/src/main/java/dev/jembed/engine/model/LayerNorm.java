package dev.jembed.engine.model;

import dev.jembed.engine.tensor.FloatTensor;

/**
 * PyTorch {@code nn.LayerNorm} over the hidden size, {@code gamma * (x - mean) / sqrt(var + eps) + beta}
 * (biased variance); {@link Compute#addLayerNorm} runs it, with the residual add before it.
 *
 * @param weight gamma {@code [hidden]}
 * @param bias   beta {@code [hidden]}
 * @param eps    {@code layer_norm_eps} of config.json (DistilBERT's fixed 1e-12)
 */
record LayerNorm(FloatTensor weight, FloatTensor bias, float eps) {

    /** {@code <p>.weight} and {@code <p>.bias}, both {@code [hidden]}. */
    static LayerNorm load(WeightPath p, int hidden, double eps) {
        return new LayerNorm(p.tensor("weight", hidden), p.tensor("bias", hidden), (float) eps);
    }
}
