package dev.jembed.tokenizer.processor;

import dev.jembed.tokenizer.text.Chars;
import java.util.List;

/**
 * The byte-level post-processor: optionally trims the offsets of tokens so that they exclude
 * the leading/trailing spaces the tokens carry ({@code Ġ}), then concatenates.
 */
public record ByteLevelProcessing(boolean trimOffsets, boolean addPrefixSpace) implements PostProcessor {
    private static final char SPACE = '\u0120';

    @Override
    public int addedTokens(boolean isPair) {
        return 0;
    }

    @Override
    public List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens) {
        if (trimOffsets) {
            for (RawEncoding e : encodings) {
                trimOffsets(e, addPrefixSpace);
            }
        }
        return encodings;
    }

    /**
     * HF's {@code process_offsets}: HF counts the spaces in characters and moves its character
     * (code point) offsets by that count; here the same number of code points is stepped over in
     * the input text, so supplementary characters move the UTF-16 offsets by two.
     */
    static void trimOffsets(RawEncoding e, boolean addPrefixSpace) {
        for (int i = 0; i < e.size; i++) {
            String token = e.tokens[i];
            int leading = 0;
            for (int k = 0; k < token.length(); ) {
                int cp = token.codePointAt(k);
                if (cp != SPACE && !Chars.isWhitespace(cp)) {
                    break;
                }
                leading++;
                k += Character.charCount(cp);
            }
            int trailing = 0;
            for (int k = token.length(); k > 0; ) {
                int cp = token.codePointBefore(k);
                if (cp != SPACE && !Chars.isWhitespace(cp)) {
                    break;
                }
                trailing++;
                k -= Character.charCount(cp);
            }
            if (leading == 0 && trailing == 0) {
                continue;
            }
            String text = e.textOf(i);
            if (leading > 0) {
                boolean isFirst = i == 0 || e.starts[i] == 0;
                if (isFirst && addPrefixSpace && leading == 1) {
                    leading = 0;
                }
                e.starts[i] = forward(text, e.starts[i], leading, e.ends[i]);
            }
            if (trailing > 0) {
                int back = backward(text, e.ends[i], trailing);
                if (back >= 0) {
                    e.ends[i] = Math.max(back, e.starts[i]);
                }
            }
        }
    }

    /** {@code from} moved {@code n} code points forward, but not past {@code limit}. */
    private static int forward(String text, int from, int n, int limit) {
        int p = from;
        for (int k = 0; k < n && p < limit; k++) {
            p += p + 1 < text.length()
                            && Character.isHighSurrogate(text.charAt(p))
                            && Character.isLowSurrogate(text.charAt(p + 1))
                    ? 2
                    : 1;
        }
        return Math.min(p, limit);
    }

    /** {@code from} moved {@code n} code points back, or -1 when fewer than n precede it. */
    private static int backward(String text, int from, int n) {
        int p = from;
        for (int k = 0; k < n; k++) {
            if (p <= 0) {
                return -1;
            }
            p -= p >= 2 && Character.isLowSurrogate(text.charAt(p - 1)) && Character.isHighSurrogate(text.charAt(p - 2))
                    ? 2
                    : 1;
        }
        return p;
    }
}
