package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.PreTokenizedString;

/** A tokenizer.json {@code pre_tokenizer}: cuts the normalized text into words. */
public interface PreTokenizer {
    void preTokenize(PreTokenizedString text);

    /**
     * True if the words before an ASCII space that follows a letter or digit do not depend on what
     * comes after that space, so a long text can be cut there without changing its first tokens
     * (see {@code Tokenizer.encode}). False unless a splitter knows it.
     */
    default boolean cutSafe() {
        return false;
    }
}
