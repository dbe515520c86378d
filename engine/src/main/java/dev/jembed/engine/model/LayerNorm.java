package dev.jembed.engine.model;

import dev.jembed.engine.kernel.LayerNormWeights;

/**
 * PyTorch {@code nn.LayerNorm} over the hidden size, {@code gamma * (x - mean) / sqrt(var + eps) + beta}
 * (biased variance); {@link Compute#addLayerNorm} runs it, with the residual add before it.
 *
 * @param weights gamma {@code [hidden]} ({@code weight}), beta {@code [hidden]} ({@code bias}) and
 *                {@code layer_norm_eps} of config.json (DistilBERT's fixed 1e-12)
 */
record LayerNorm(LayerNormWeights weights) {

    /** {@code <p>.weight} and {@code <p>.bias}, both {@code [hidden]}. */
    static LayerNorm load(WeightPath p, int hidden, double eps) {
        return new LayerNorm(new LayerNormWeights(
                p.tensor("weight", hidden).data(), p.tensor("bias", hidden).data(), (float) eps, hidden));
    }
}
