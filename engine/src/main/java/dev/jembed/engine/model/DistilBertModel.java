package dev.jembed.engine.model;

import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * Hugging Face {@code DistilBertModel}: {@code embeddings} ({@link DistilBertEmbeddings}, no token
 * types) and {@code transformer} ({@link Transformer}). Weight names {@code transformer.layer.i.attention.q_lin},
 * {@code sa_layer_norm}, {@code ffn.lin1}, {@code output_layer_norm}, ... (optionally prefixed
 * {@code distilbert.}); the arithmetic is BERT's post-LayerNorm layer, LayerNorm eps 1e-12 as
 * DistilBERT hard-codes it.
 */
final class DistilBertModel extends EncoderModel {
    private final Transformer transformer;

    private DistilBertModel(
            EncoderConfig config, DistilBertEmbeddings embeddings, Transformer transformer, EngineOptions options) {
        super(config, embeddings, options);
        this.transformer = transformer;
    }

    /** As {@link BertModel#load(Weights, EncoderConfig, EngineOptions)}, for a DistilBERT config. */
    static DistilBertModel load(Weights weights, EncoderConfig config, EngineOptions options) {
        WeightPath p = WeightPath.root(weights, config, Architecture.DISTILBERT, options.weights());
        DistilBertEmbeddings embeddings = DistilBertEmbeddings.load(p.pp("embeddings"), config);
        Transformer transformer = Transformer.load(p.pp("transformer"), config);
        p.check(); // before the model starts its thread pool
        return new DistilBertModel(config, embeddings, transformer, options);
    }

    @Override
    void encode(RunState s) {
        transformer.forward(compute, s);
    }
}
