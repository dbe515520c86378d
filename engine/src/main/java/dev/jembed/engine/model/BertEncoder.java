package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;

/** Hugging Face {@code BertEncoder}: the stack of {@code num_hidden_layers} {@link BertLayer}s, {@code layer.0}, {@code layer.1}, ... */
record BertEncoder(BertLayer[] layer) {

    /** {@code layer.i} for every layer config.json names, and no more in the checkpoint. */
    static BertEncoder load(WeightPath p, EncoderConfig config) {
        return new BertEncoder(
                p.list("layer", config.numHiddenLayers(), BertLayer[]::new, l -> BertLayer.load(l, config)));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.hidden [T, hidden]}, layer after layer. */
    void forward(Compute c, RunState s) {
        for (BertLayer l : layer) l.forward(c, s);
    }
}
