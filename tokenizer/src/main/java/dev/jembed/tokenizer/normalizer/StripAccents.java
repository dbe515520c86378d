package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.NormalizedString;

/** Removes combining marks (Mn, Mc, Me); meant to follow NFD or NFKD. */
public record StripAccents() implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.filter(c -> !Chars.isCombiningMark(c));
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
