package dev.jembed.engine.model;

import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * Hugging Face {@code RobertaModel} and {@code XLMRobertaModel}: a {@link BertModel} whose embeddings
 * are {@link RobertaEmbeddings} (positions counted from the padding index). Weight names are BERT's,
 * optionally prefixed {@code roberta.}.
 */
final class RobertaModel extends BertModel {

    RobertaModel(
            EncoderConfig config,
            RobertaEmbeddings embeddings,
            BertEncoder encoder,
            BertPooler pooler,
            EngineOptions options) {
        super(config, embeddings, encoder, pooler, options);
    }

    /** As {@link BertModel#load(Weights, EncoderConfig, EngineOptions)}, for a RoBERTa config. */
    static RobertaModel load(Weights weights, EncoderConfig config, EngineOptions options) {
        return load(weights, config, options, Architecture.ROBERTA, RobertaEmbeddings::load, RobertaModel::new);
    }
}
