package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;

/** Hugging Face DistilBERT's {@code Transformer}: the stack of {@code n_layers} {@link TransformerBlock}s, {@code layer.0}, {@code layer.1}, ... */
record Transformer(TransformerBlock[] layer) {

    /** {@code layer.i} for every layer config.json names, and no more in the checkpoint. */
    static Transformer load(WeightPath p, EncoderConfig config) {
        return new Transformer(p.list(
                "layer", config.numHiddenLayers(), TransformerBlock[]::new, l -> TransformerBlock.load(l, config)));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.hidden [T, hidden]}, block after block. */
    void forward(Compute c, RunState s) {
        for (TransformerBlock block : layer) block.forward(c, s);
    }
}
