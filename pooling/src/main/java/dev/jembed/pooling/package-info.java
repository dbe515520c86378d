/**
 * Hidden states to embeddings: pooling, normalization, similarity, top-k search and the
 * sentence-transformers pipeline that ties tokenizer and engine together.
 */
package dev.jembed.pooling;
