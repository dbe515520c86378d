package dev.jembed.engine;

import dev.jembed.engine.config.EncoderConfig;

/**
 * A transformer encoder: token ids in, the last hidden state of every token out (Hugging Face's
 * {@code last_hidden_state}). Pooling, normalization and tokenization live elsewhere; this is the
 * contract they build on.
 *
 * <p>Thread-safe: the model is immutable after loading. Concurrent calls share the model's thread
 * pool one forward pass at a time (they queue rather than oversubscribe the cores).
 *
 * <p>Deterministic: a sequence's hidden states are bitwise identical whether it is encoded alone or
 * in any batch, with any thread count.
 */
public interface Encoder extends AutoCloseable {

    /** The hyper-parameters the model was built from. */
    EncoderConfig config();

    /** Width of one token's hidden state. */
    default int hiddenSize() {
        return config().hiddenSize();
    }

    /** The longest sequence, in tokens, the model accepts (its learned positions). */
    default int maxSequenceLength() {
        return config().maxSequenceLength();
    }

    /**
     * Encodes a batch of sequences of any lengths, unpadded (no attention mask: each sequence is
     * exactly its tokens, special tokens included).
     *
     * @param inputIds     {@code [batch][len_i]} token ids, each sequence non-empty and at most
     *                     {@link #maxSequenceLength()} long
     * @param tokenTypeIds {@code [batch][len_i]} segment ids, or null for all zeros; ignored by
     *                     DistilBERT, which has no token types (as in Hugging Face)
     * @return {@code [batch][len_i * hiddenSize]}: the last hidden state of each sequence, row-major
     *         (token t at {@code [t * hiddenSize, (t + 1) * hiddenSize)})
     * @throws IllegalArgumentException if a sequence is empty or too long, an id is outside the
     *                                  vocabulary, or the type ids do not match the input
     * @throws IllegalStateException    if the encoder is closed
     */
    float[][] forward(int[][] inputIds, int[][] tokenTypeIds);

    /** Stops the model's threads and releases the weights it owns; the encoder is unusable afterwards. */
    @Override
    void close();
}
