package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;

/** Lowercases every character with Rust's full lowercase mapping. */
public record Lowercase() implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.lowercase();
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
