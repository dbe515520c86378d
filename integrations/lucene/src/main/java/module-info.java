/**
 * jembed on Lucene: a persistent HNSW index of embeddings ({@link dev.jembed.lucene.CorpusIndex},
 * {@link dev.jembed.lucene.VectorIndexWriter}, {@link dev.jembed.lucene.VectorIndexReader}). Lucene
 * 10 is itself a named module ({@code org.apache.lucene.core}), so this adapter is one too; no
 * Lucene type appears in its API.
 */
module dev.jembed.lucene {
    requires transitive dev.jembed.pooling;
    requires org.apache.lucene.core;

    exports dev.jembed.lucene;
}
