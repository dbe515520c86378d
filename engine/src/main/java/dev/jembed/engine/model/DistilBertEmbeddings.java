package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;

/**
 * Hugging Face DistilBERT's {@code Embeddings} ({@code transformers.models.distilbert.modeling_distilbert.Embeddings}):
 * {@code LayerNorm(word_embeddings[ids] + position_embeddings[0, 1, 2, ...])}, BERT's without token types.
 */
final class DistilBertEmbeddings extends BertEmbeddings {

    private DistilBertEmbeddings(BertEmbeddings tables) {
        super(tables.wordEmbeddings, null, tables.positionEmbeddings, tables.layerNorm);
    }

    /** {@code embeddings.word_embeddings}, {@code position_embeddings}, {@code LayerNorm}. */
    static DistilBertEmbeddings load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        return new DistilBertEmbeddings(new BertEmbeddings(
                p.pp("word_embeddings").tensor("weight", config.vocabSize(), hidden),
                null,
                p.pp("position_embeddings").tensor("weight", config.maxPositionEmbeddings(), hidden),
                LayerNorm.load(p.pp("LayerNorm"), hidden, config.layerNormEps())));
    }
}
