package dev.jembed.tokenizer.text;

/** One piece of a {@link PreTokenizedString}: its normalized text and, once known, its tokens. */
public final class Split {
    public final NormalizedString normalized;
    public TokenList tokens;

    public Split(NormalizedString normalized, TokenList tokens) {
        this.normalized = normalized;
        this.tokens = tokens;
    }
}
