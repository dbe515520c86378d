package dev.jembed.tokenizer;

/**
 * An entry of tokenizer.json's {@code added_tokens}: text matched before the model runs.
 *
 * @param content    the text
 * @param singleWord only match when not inside a word
 * @param lstrip     also swallow whitespace on the left
 * @param rstrip     also swallow whitespace on the right
 * @param normalized match against the normalized text (otherwise the raw input)
 * @param special    a special token: skipped when decoding with skipSpecialTokens
 */
record AddedToken(
        String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized, boolean special) {}
