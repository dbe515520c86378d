package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;

/** A tokenizer.json {@code normalizer}: rewrites text in place, keeping alignments. */
public interface Normalizer {
    void normalize(NormalizedString text);

    /**
     * True if normalizing a text cut at an ASCII space that follows a letter or digit gives the
     * beginning of the normalized whole text (the rewriting never looks across such a space).
     * False unless a normalizer knows it.
     */
    default boolean cutSafe() {
        return false;
    }
}
