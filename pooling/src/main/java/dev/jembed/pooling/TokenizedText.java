package dev.jembed.pooling;

import java.util.Objects;

/**
 * One text as {@link SentenceTransformer#encode} prepares it for the encoder: the prompt prepended,
 * stripped, lowercased if the model says so, tokenized and truncated. Made by
 * {@link SentenceTransformer#tokenize(String, EncodeOptions, boolean)} and embedded by
 * {@link SentenceTransformer#encodeTokenized}; a server uses the pair to count and check tokens
 * before it batches texts from many requests into one forward pass.
 *
 * @param ids                the token ids the encoder sees, special tokens included
 * @param typeIds            the token type ids, as long as {@code ids}
 * @param promptLength       leading prompt tokens that pooling leaves out (sentence-transformers'
 *                           {@code include_prompt=False}); 0 for most models
 * @param untruncatedLength  tokens before truncation: more than {@code ids.length} when the text was cut
 */
public record TokenizedText(int[] ids, int[] typeIds, int promptLength, int untruncatedLength) {

    public TokenizedText {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(typeIds, "typeIds");
        if (typeIds.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + typeIds.length + " type ids");
        }
        if (promptLength < 0 || untruncatedLength < ids.length) {
            throw new IllegalArgumentException("prompt length " + promptLength + " or untruncated length "
                    + untruncatedLength + " out of range for " + ids.length + " tokens");
        }
    }

    /** Tokens the encoder runs on. */
    public int length() {
        return ids.length;
    }

    /** True if truncation dropped tokens. */
    public boolean truncated() {
        return untruncatedLength > ids.length;
    }
}
