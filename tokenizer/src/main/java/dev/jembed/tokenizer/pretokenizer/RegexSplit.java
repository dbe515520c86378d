package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.Pattern;
import dev.jembed.tokenizer.text.PreTokenizedString;
import dev.jembed.tokenizer.text.SplitBehavior;

/** The {@code Split} pre-tokenizer: a literal or regex pattern, a behavior, optionally inverted. */
public record RegexSplit(Pattern pattern, SplitBehavior behavior, boolean invert) implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        Pattern p = invert ? Pattern.invert(pattern) : pattern;
        text.split((n, out) -> n.split(p, behavior, out));
    }
}
