package dev.jembed.pooling;

/** Receives the embeddings of a streaming encode, chunk by chunk, in input order. */
@FunctionalInterface
public interface EmbeddingConsumer {

    /**
     * @param firstIndex position of the chunk's first text in the input stream
     * @param chunk      the chunk's embeddings, row i belonging to text {@code firstIndex + i}
     */
    void accept(long firstIndex, EncodeResult chunk);
}
