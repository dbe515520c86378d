/**
 * Hidden states to embeddings: pooling, Dense and Normalize modules, truncate_dim, quantization,
 * similarity functions, top-k search, and {@link dev.jembed.pooling.SentenceTransformer}, the
 * sentence-transformers pipeline that ties the tokenizer and the engine together.
 */
package dev.jembed.pooling;
