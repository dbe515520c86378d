package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.ForwardProfile.Stage;

/**
 * Hugging Face DistilBERT's {@code TransformerBlock}: {@code sa_layer_norm(attention(x) + x)}, then
 * {@code output_layer_norm(ffn(.) + .)}: the arithmetic of a {@link BertLayer} under other names.
 */
record TransformerBlock(MultiHeadSelfAttention attention, LayerNorm saLayerNorm, FFN ffn, LayerNorm outputLayerNorm) {

    /** {@code attention}, {@code sa_layer_norm}, {@code ffn}, {@code output_layer_norm}. */
    static TransformerBlock load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        double eps = config.layerNormEps();
        return new TransformerBlock(
                MultiHeadSelfAttention.load(p.pp("attention"), config),
                LayerNorm.load(p.pp("sa_layer_norm"), hidden, eps),
                FFN.load(p.pp("ffn"), config),
                LayerNorm.load(p.pp("output_layer_norm"), hidden, eps));
    }

    /** {@code s.hidden [T, hidden]} to {@code s.hidden [T, hidden]}. */
    void forward(Compute c, RunState s) {
        attention.forward(c, s); // s.spare [T, hidden]
        c.residualLayerNorm(saLayerNorm, s); // s.hidden [T, hidden] = sa_layer_norm(s.spare + s.hidden)
        s.lap(Stage.ATTENTION_NORM);
        ffn.forward(c, s); // s.spare [T, hidden]
        c.residualLayerNorm(outputLayerNorm, s); // s.hidden [T, hidden] = output_layer_norm(s.spare + s.hidden)
        s.lap(Stage.OUTPUT_NORM);
    }
}
