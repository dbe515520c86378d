package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;

/** Prepends a fixed string to non-empty text. */
public record Prepend(String prepend) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        if (!text.isEmpty()) {
            text.prepend(prepend);
        }
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
