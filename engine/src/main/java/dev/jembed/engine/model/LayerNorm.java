package dev.jembed.engine.model;

import dev.jembed.engine.kernel.LayerNormWeights;
import dev.jembed.engine.tensor.FloatTensor;

/**
 * PyTorch {@code nn.LayerNorm} over the hidden size, {@code gamma * (x - mean) / sqrt(var + eps) + beta}
 * (biased variance); {@link Compute#addLayerNorm} runs it, with the residual add before it.
 *
 * @param weights gamma {@code [hidden]} ({@code weight}), beta {@code [hidden]} ({@code bias}) and
 *                {@code layer_norm_eps} of config.json (DistilBERT's fixed 1e-12)
 */
record LayerNorm(LayerNormWeights weights) {

    /**
     * {@code <p>.weight} and {@code <p>.bias}, both {@code [hidden]}; without weights if either is
     * missing or misshapen, which {@link WeightPath#check()} then reports before any forward pass.
     */
    static LayerNorm load(WeightPath p, int hidden, double eps) {
        FloatTensor gamma = p.tensor("weight", hidden), beta = p.tensor("bias", hidden);
        return new LayerNorm(
                gamma == null || beta == null
                        ? null
                        : new LayerNormWeights(gamma.data(), beta.data(), (float) eps, hidden));
    }
}
