package dev.jembed.pooling;

/**
 * One result of {@link SemanticSearch}: the index of a corpus vector and its similarity to the query
 * ({@code {"corpus_id": ..., "score": ...}} in sentence-transformers' {@code util.semantic_search}).
 */
public record SearchHit(int corpusId, float score) {}
