package dev.jembed.engine.model;

import dev.jembed.engine.tensor.FloatTensor;

/** The embedding tables and their LayerNorm: word + token type + position, then LayerNorm. */
record Embeddings(
        FloatTensor word,       // [vocab, hidden]
        FloatTensor tokenType,  // [typeVocab, hidden], null for DistilBERT
        FloatTensor position,   // [maxPositions, hidden]
        FloatTensor norm,       // [hidden] LayerNorm gamma
        FloatTensor normBias) { // [hidden] LayerNorm beta

    /** BERT / RoBERTa names, {@code embeddings....}. */
    static Embeddings loadBert(TensorLoader t, long vocab, long typeVocab, long maxPositions, long hidden) {
        return new Embeddings(
                t.get("embeddings.word_embeddings.weight", vocab, hidden),
                t.get("embeddings.token_type_embeddings.weight", typeVocab, hidden),
                t.get("embeddings.position_embeddings.weight", maxPositions, hidden),
                t.get("embeddings.LayerNorm.weight", hidden),
                t.get("embeddings.LayerNorm.bias", hidden));
    }

    /** DistilBERT names: no token type table. */
    static Embeddings loadDistilBert(TensorLoader t, long vocab, long maxPositions, long hidden) {
        return new Embeddings(
                t.get("embeddings.word_embeddings.weight", vocab, hidden),
                null,
                t.get("embeddings.position_embeddings.weight", maxPositions, hidden),
                t.get("embeddings.LayerNorm.weight", hidden),
                t.get("embeddings.LayerNorm.bias", hidden));
    }
}
