package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;

/** A tokenizer.json {@code normalizer}: rewrites text in place, keeping alignments. */
public interface Normalizer {
    void normalize(NormalizedString text);
}
