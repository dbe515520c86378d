package dev.jembed.tokenizer;

/**
 * Encoding failed for a reason that lies in the tokenizer's configuration rather than in the
 * text: a piece that is not in the vocabulary when the model has no unknown token, a truncation
 * that cannot be satisfied (the sequence to truncate is shorter than the excess, or only_second
 * without a second sequence), an id out of range when decoding.
 */
public final class TokenizationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizationException(String message) {
        super(message);
    }
}
