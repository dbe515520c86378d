package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;

/** Removes leading and/or trailing whitespace. */
public record Strip(boolean left, boolean right) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.strip(left, right);
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
