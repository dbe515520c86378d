package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.Pattern;
import dev.jembed.tokenizer.text.PreTokenizedString;
import dev.jembed.tokenizer.text.SplitBehavior;

/**
 * Splits on every character of a class: WhitespaceSplit (whitespace, removed), Punctuation
 * (BERT punctuation, configurable behavior) and Digits (numeric characters, isolated one by
 * one or as contiguous runs).
 */
public record CharSplit(String name, Pattern pattern, SplitBehavior behavior) implements PreTokenizer {
    public static CharSplit whitespaceSplit() {
        return new CharSplit("WhitespaceSplit", Pattern.of(Chars::isWhitespace), SplitBehavior.REMOVED);
    }

    public static CharSplit punctuation(SplitBehavior behavior) {
        return new CharSplit("Punctuation", Pattern.of(Chars::isBertPunctuation), behavior);
    }

    public static CharSplit digits(boolean individualDigits) {
        return new CharSplit(
                "Digits",
                Pattern.of(Chars::isNumber),
                individualDigits ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((n, out) -> n.split(pattern, behavior, out));
    }
}
