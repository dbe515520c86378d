/**
 * The sentence-transformers pipeline, jembed's API: {@link dev.jembed.pooling.SentenceTransformer}
 * loads a model by folder or Hugging Face id ({@link dev.jembed.pooling.LoadOptions}) and turns texts
 * into embeddings ({@link dev.jembed.pooling.EncodeOptions}, {@link dev.jembed.pooling.EncodeResult},
 * {@link dev.jembed.pooling.Precision} and {@link dev.jembed.pooling.QuantizationRanges} for quantized
 * output, {@link dev.jembed.pooling.EncodeProgress} and {@link dev.jembed.pooling.EmbeddingConsumer}
 * for long and streaming inputs, {@link dev.jembed.pooling.TokenizedText} for servers that batch
 * requests themselves), compares and searches them ({@link dev.jembed.pooling.SimilarityFunction},
 * {@link dev.jembed.pooling.SearchHit}) and describes itself ({@link dev.jembed.pooling.ModelInfo}).
 * A model that cannot be found fails with a {@link dev.jembed.pooling.HubException}, a bad model
 * folder with a {@code ModelFileException} ({@link dev.jembed.pooling.ModelConfigException} for the
 * sentence-transformers configs). Pooling, Dense and Normalize modules, truncate_dim, quantization and
 * search are package-private here; the config readers and the hub client are in packages that are
 * not exported.
 */
package dev.jembed.pooling;
