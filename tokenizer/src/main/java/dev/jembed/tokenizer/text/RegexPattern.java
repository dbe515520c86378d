package dev.jembed.tokenizer.text;

import java.nio.CharBuffer;
import java.util.regex.Matcher;

/**
 * A regular expression pattern from tokenizer.json (HF compiles these with Oniguruma). Compiled
 * with {@code java.util.regex} and Unicode character classes, which agree with Oniguruma on the
 * constructs tokenizer files use ({@code \p{L}}, {@code \s}, {@code (?i:...)}, lookahead,
 * possessive and lazy quantifiers). Only used for the Split pre-tokenizer and the Replace
 * normalizer and decoder; the built-in pre-tokenizers do not use a regex engine.
 */
public final class RegexPattern implements Pattern {
    private final java.util.regex.Pattern regex;

    public RegexPattern(String regex) {
        this.regex = java.util.regex.Pattern.compile(regex, java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    }

    @Override
    public int[] findMatches(char[] text, int length) {
        if (length == 0) {
            return MatchList.EMPTY_TEXT.clone();
        }
        MatchList m = new MatchList(8);
        Matcher mt = regex.matcher(CharBuffer.wrap(text, 0, length));
        int prev = 0;
        while (mt.find()) {
            int s = mt.start();
            int e = mt.end();
            if (prev != s) {
                m.add(prev, s, false);
            }
            m.add(s, e, true);
            prev = e;
        }
        if (prev != length) {
            m.add(prev, length, false);
        }
        return m.toArray();
    }
}
