package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.Pattern;

/** Replaces every match of a literal or regex pattern with a fixed string. */
public record Replace(Pattern pattern, String content) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.replace(pattern, content);
    }
}
