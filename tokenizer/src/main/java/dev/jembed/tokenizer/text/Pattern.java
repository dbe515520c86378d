package dev.jembed.tokenizer.text;

import java.util.function.IntPredicate;

/**
 * Something to split or replace on (HF {@code Pattern}). {@link #findMatches} covers the whole
 * text with alternating pieces and returns {@code [count, start0, end0, isMatch0, ...]} in
 * UTF-16 units; an empty text gives one empty non-match, as in HF.
 */
public interface Pattern {
    int[] findMatches(char[] text, int length);

    /** Every code point that passes the test is a match of its own (HF's {@code Fn(char) -> bool}). */
    static Pattern of(IntPredicate p) {
        return (text, length) -> {
            if (length == 0) {
                return MatchList.EMPTY_TEXT.clone();
            }
            MatchList m = new MatchList(8);
            int last = 0;
            for (int i = 0; i < length; ) {
                int cp = Character.codePointAt(text, i, length);
                int n = Character.charCount(cp);
                if (p.test(cp)) {
                    if (last < i) {
                        m.add(last, i, false);
                    }
                    m.add(i, i + n, true);
                    last = i + n;
                }
                i += n;
            }
            if (length > last) {
                m.add(last, length, false);
            }
            return m.toArray();
        };
    }

    /** A literal string (HF escapes it into a regex; the matches are the same, leftmost, non-overlapping). */
    static Pattern literal(String needle) {
        if (needle.isEmpty()) {
            return emptyLiteral();
        }
        char[] nd = needle.toCharArray();
        return (text, length) -> {
            if (length == 0) {
                return MatchList.EMPTY_TEXT.clone();
            }
            MatchList m = new MatchList(8);
            int prev = 0;
            int i = 0;
            outer:
            while (i + nd.length <= length) {
                for (int k = 0; k < nd.length; k++) {
                    if (text[i + k] != nd[k]) {
                        i++;
                        continue outer;
                    }
                }
                if (prev != i) {
                    m.add(prev, i, false);
                }
                m.add(i, i + nd.length, true);
                i += nd.length;
                prev = i;
            }
            if (prev != length) {
                m.add(prev, length, false);
            }
            return m.toArray();
        };
    }

    /** The empty regex matches the empty string before every character and at the end. */
    private static Pattern emptyLiteral() {
        return (text, length) -> {
            if (length == 0) {
                return MatchList.EMPTY_TEXT.clone();
            }
            MatchList m = new MatchList(8);
            int prev = 0;
            for (int i = 0; i <= length; ) {
                if (prev != i) {
                    m.add(prev, i, false);
                }
                m.add(i, i, true);
                prev = i;
                if (i == length) {
                    break;
                }
                i += Character.charCount(Character.codePointAt(text, i, length));
            }
            return m.toArray();
        };
    }

    /** The same pieces with match and non-match swapped (HF {@code Invert}). */
    static Pattern invert(Pattern p) {
        return (text, length) -> {
            int[] m = p.findMatches(text, length);
            for (int k = 0; k < m[0]; k++) {
                m[1 + 3 * k + 2] ^= 1;
            }
            return m;
        };
    }
}
