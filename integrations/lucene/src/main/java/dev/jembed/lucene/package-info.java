/**
 * A persistent vector index of a corpus on Apache Lucene: each line's normalized embedding in an
 * HNSW graph (dot product, optionally int8 scalar-quantized), with its text and line number, and
 * the model id and dimension it was built with. {@link dev.jembed.lucene.CorpusIndex} builds and
 * queries it with a {@link dev.jembed.pooling.SentenceTransformer};
 * {@link dev.jembed.lucene.VectorIndexWriter} and {@link dev.jembed.lucene.VectorIndexReader}
 * work on vectors directly.
 */
package dev.jembed.lucene;
