package dev.jembed.tokenizer.text;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A piece of the input text being normalized, with the alignment of every normalized UTF-16 unit
 * to the range of input text it came from: the Java counterpart of Hugging Face's
 * {@code NormalizedString}. HF keeps one alignment per UTF-8 byte; every byte of a character
 * shares the character's alignment, so one alignment per UTF-16 unit carries the same
 * information. Alignments are absolute UTF-16 indices into the sequence being encoded.
 *
 * <p>The transformation rules (which input character a new character is aligned to) follow
 * HF's {@code transform_range} exactly, because offsets reported to users depend on them.
 */
public final class NormalizedString {
    private final int origStart;
    private final int origEnd;
    char[] chars;
    int[] alignStart;
    int[] alignEnd;
    int length;

    NormalizedString(int origStart, int origEnd, char[] chars, int[] alignStart, int[] alignEnd, int length) {
        this.origStart = origStart;
        this.origEnd = origEnd;
        this.chars = chars;
        this.alignStart = alignStart;
        this.alignEnd = alignEnd;
        this.length = length;
    }

    /** The whole of {@code text[from, to)} as a fresh, unnormalized string. */
    public static NormalizedString of(String text, int from, int to) {
        int n = to - from;
        char[] c = new char[n];
        text.getChars(from, to, c, 0);
        int[] as = new int[n];
        int[] ae = new int[n];
        for (int i = 0; i < n; ) {
            if (Character.isHighSurrogate(c[i]) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                as[i] = as[i + 1] = from + i;
                ae[i] = ae[i + 1] = from + i + 2;
                i += 2;
            } else {
                as[i] = from + i;
                ae[i] = from + i + 1;
                i++;
            }
        }
        return new NormalizedString(from, to, c, as, ae, n);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public char charAt(int i) {
        return chars[i];
    }

    public int codePointAt(int i) {
        return Character.codePointAt(chars, i, length);
    }

    /** The backing array; valid up to {@link #length()}. Do not modify. */
    public char[] buffer() {
        return chars;
    }

    public String text() {
        return new String(chars, 0, length);
    }

    /** Start of the input range this piece covers (HF's {@code offsets_original().0}). */
    public int originalStart() {
        return origStart;
    }

    public int alignStart(int i) {
        return alignStart[i];
    }

    public int alignEnd(int i) {
        return alignEnd[i];
    }

    public boolean startsWith(char c) {
        return length > 0 && chars[0] == c;
    }

    /** UTF-8 length of the normalized text. */
    public int utf8Length() {
        int b = 0;
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(chars, i, length);
            b += Chars.utf8Length(cp);
            i += Character.charCount(cp);
        }
        return b;
    }

    // ---------------------------------------------------------------- transformations

    /**
     * A rewriter over {@code [from, to)} that first skips {@code initialRemoved} characters:
     * HF's {@code transform_range(Range::Normalized(from..to), ..., initialRemoved)}.
     */
    public Rewriter rewrite(int from, int to, int initialRemoved) {
        return new Rewriter(this, from, to, initialRemoved);
    }

    /**
     * A rewriter over the whole string as HF's {@code transform(dest, 0)} sees it: the range is
     * the normalized image of the whole original, which skips leading zero-width alignments.
     * Returns null when HF would do nothing (empty normalized string).
     */
    public Rewriter rewriteAll() {
        if (length == 0) {
            return null;
        }
        if (origStart == origEnd) {
            return new Rewriter(this, 0, length, 0);
        }
        int start = 0;
        while (start < length && alignStart[start] == alignEnd[start]) {
            start++;
        }
        return new Rewriter(this, start, length, 0);
    }

    /** What one code point becomes when the whole string is rewritten: calls to {@link Rewriter#emit}. */
    @FunctionalInterface
    public interface CodePointRewrite {
        void rewrite(Rewriter r, int cp);
    }

    /** Rewrites the whole string (as {@link #rewriteAll} sees it) code point by code point through {@code each}. */
    public void rewriteEach(CodePointRewrite each) {
        Rewriter r = rewriteAll();
        if (r == null) {
            return;
        }
        for (int i = r.from(); i < length; ) {
            int cp = Character.codePointAt(chars, i, length);
            each.rewrite(r, cp);
            i += Character.charCount(cp);
        }
        r.commit();
    }

    void splice(int from, int to, char[] c, int[] as, int[] ae, int n) {
        int tail = length - to;
        int newLen = from + n + tail;
        if (from == 0 && tail == 0) {
            chars = c;
            alignStart = as;
            alignEnd = ae;
            length = n;
            return;
        }
        char[] nc = new char[newLen];
        int[] ns = new int[newLen];
        int[] ne = new int[newLen];
        System.arraycopy(chars, 0, nc, 0, from);
        System.arraycopy(alignStart, 0, ns, 0, from);
        System.arraycopy(alignEnd, 0, ne, 0, from);
        System.arraycopy(c, 0, nc, from, n);
        System.arraycopy(as, 0, ns, from, n);
        System.arraycopy(ae, 0, ne, from, n);
        System.arraycopy(chars, to, nc, from + n, tail);
        System.arraycopy(alignStart, to, ns, from + n, tail);
        System.arraycopy(alignEnd, to, ne, from + n, tail);
        chars = nc;
        alignStart = ns;
        alignEnd = ne;
        length = newLen;
    }

    /** Keeps the code points that pass; kept characters keep their alignment (HF {@code filter}). */
    public void filter(IntPredicate keep) {
        if (length == 0) {
            return;
        }
        int w = 0;
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(chars, i, length);
            int n = Character.charCount(cp);
            if (keep.test(cp)) {
                for (int k = 0; k < n; k++) {
                    chars[w] = chars[i + k];
                    alignStart[w] = alignStart[i + k];
                    alignEnd[w] = alignEnd[i + k];
                    w++;
                }
            }
            i += n;
        }
        length = w;
    }

    /** Maps every code point to one code point (HF {@code map}). */
    public void map(IntUnaryOperator f) {
        boolean sameLength = true;
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(chars, i, length);
            int n = Character.charCount(cp);
            if (Character.charCount(f.applyAsInt(cp)) != n) {
                sameLength = false;
                break;
            }
            i += n;
        }
        if (sameLength) {
            for (int i = 0; i < length; ) {
                int cp = Character.codePointAt(chars, i, length);
                int n = Character.charCount(cp);
                int m = f.applyAsInt(cp);
                if (n == 1) {
                    chars[i] = (char) m;
                } else {
                    chars[i] = Character.highSurrogate(m);
                    chars[i + 1] = Character.lowSurrogate(m);
                }
                i += n;
            }
            return;
        }
        rewriteEach((r, cp) -> r.emit(f.applyAsInt(cp), 0));
    }

    /** Rust {@code char::to_lowercase} on every character (HF {@code lowercase}). */
    public void lowercase() {
        boolean simple = true;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c == '\u0130' || Character.isSurrogate(c)) {
                simple = false;
                break;
            }
        }
        if (simple) {
            for (int i = 0; i < length; i++) {
                char c = chars[i];
                if (c >= 'A' && c <= 'Z') {
                    chars[i] = (char) (c + 32);
                } else if (c >= 128) {
                    chars[i] = (char) Character.toLowerCase((int) c);
                }
            }
            return;
        }
        rewriteEach((r, cp) -> {
            if (cp == 0x130) {
                r.emit('i', 0);
                r.emit(0x307, 1);
            } else {
                r.emit(Character.toLowerCase(cp), 0);
            }
        });
    }

    /** HF {@code prepend}: the new text and the first character all align to the first character. */
    public void prepend(String s) {
        if (length == 0 || s.isEmpty()) {
            if (length == 0) {
                return;
            }
        }
        int first = Character.codePointAt(chars, 0, length);
        Rewriter r = rewrite(0, Character.charCount(first), 0);
        int k = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            r.emit(cp, k == 0 ? 0 : 1);
            k++;
            i += Character.charCount(cp);
        }
        r.emit(first, 1);
        r.commit();
    }

    /** HF {@code append}: the new text aligns to the last character. */
    public void append(String s) {
        if (length == 0) {
            return;
        }
        int lastStart = length - 1;
        if (lastStart > 0
                && Character.isLowSurrogate(chars[lastStart])
                && Character.isHighSurrogate(chars[lastStart - 1])) {
            lastStart--;
        }
        Rewriter r = rewrite(lastStart, length, 0);
        r.emit(Character.codePointAt(chars, lastStart, length), 0);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            r.emit(cp, 1);
            i += Character.charCount(cp);
        }
        r.commit();
    }

    /**
     * HF {@code replace}: every match becomes {@code content}; each new character aligns to the
     * last character of the match (or, for an empty match, the character before it).
     */
    public void replace(Pattern pattern, String content) {
        int[] m = pattern.findMatches(chars, length);
        int count = m[0];
        boolean any = false;
        for (int k = 0; k < count; k++) {
            if (m[1 + 3 * k + 2] != 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        int contentLen = content.length();
        int cap = length + count * Math.max(contentLen, 1) + 4;
        char[] nc = new char[cap];
        int[] ns = new int[cap];
        int[] ne = new int[cap];
        int w = 0;
        for (int k = 0; k < count; k++) {
            int s = m[1 + 3 * k];
            int e = m[1 + 3 * k + 1];
            boolean isMatch = m[1 + 3 * k + 2] != 0;
            if (!isMatch) {
                System.arraycopy(chars, s, nc, w, e - s);
                System.arraycopy(alignStart, s, ns, w, e - s);
                System.arraycopy(alignEnd, s, ne, w, e - s);
                w += e - s;
                continue;
            }
            int as;
            int ae;
            if (e > s) {
                as = alignStart[e - 1];
                ae = alignEnd[e - 1];
            } else if (w > 0) {
                as = ns[w - 1];
                ae = ne[w - 1];
            } else {
                as = ae = origStart;
            }
            if (w + contentLen > nc.length) {
                int ncap = Math.max(nc.length * 2, w + contentLen + length);
                nc = Arrays.copyOf(nc, ncap);
                ns = Arrays.copyOf(ns, ncap);
                ne = Arrays.copyOf(ne, ncap);
            }
            for (int i = 0; i < contentLen; i++) {
                nc[w] = content.charAt(i);
                ns[w] = as;
                ne[w] = ae;
                w++;
            }
        }
        chars = nc;
        alignStart = ns;
        alignEnd = ne;
        length = w;
    }

    /**
     * HF {@code lrstrip}. HF compares a character index with the UTF-8 length when stripping on
     * the right, so with non-ASCII text fewer trailing spaces are removed; that is reproduced.
     */
    public void strip(boolean left, boolean right) {
        int n = 0;
        for (int i = 0; i < length; i += Character.charCount(Character.codePointAt(chars, i, length))) {
            n++;
        }
        int leading = 0;
        if (left) {
            for (int i = 0; i < length; ) {
                int cp = Character.codePointAt(chars, i, length);
                if (!Chars.isWhitespace(cp)) {
                    break;
                }
                leading++;
                i += Character.charCount(cp);
            }
        }
        int trailing = 0;
        if (right) {
            for (int i = length; i > 0; ) {
                int cp = Character.codePointBefore(chars, i);
                if (!Chars.isWhitespace(cp)) {
                    break;
                }
                trailing++;
                i -= Character.charCount(cp);
            }
        }
        if (leading == 0 && trailing == 0) {
            return;
        }
        int bytes = utf8Length();
        int keepEndChar = Math.min(n, bytes - trailing);
        // find unit positions of char indices leading and keepEndChar
        int from = -1;
        int to = length;
        int ci = 0;
        for (int i = 0; i <= length; ) {
            if (ci == leading && from < 0) {
                from = i;
            }
            if (ci == keepEndChar) {
                to = i;
                break;
            }
            if (i == length) {
                break;
            }
            i += Character.charCount(Character.codePointAt(chars, i, length));
            ci++;
        }
        if (from < 0 || from > to) {
            from = to;
        }
        int n2 = to - from;
        System.arraycopy(chars, from, chars, 0, n2);
        System.arraycopy(alignStart, from, alignStart, 0, n2);
        System.arraycopy(alignEnd, from, alignEnd, 0, n2);
        length = n2;
    }

    public void nfd() {
        Unorm.decompose(this, false, false);
    }

    public void nfkd() {
        Unorm.decompose(this, true, false);
    }

    public void nfc() {
        Unorm.decompose(this, false, true);
    }

    public void nfkc() {
        Unorm.decompose(this, true, true);
    }

    // ---------------------------------------------------------------- slicing and splitting

    /** HF {@code slice(Range::Normalized(from..to))} for a non-empty range. */
    public NormalizedString slice(int from, int to) {
        int n = to - from;
        int os = n == 0 ? origStart + from : alignStart[from];
        int oe = n == 0 ? origStart + to : alignEnd[to - 1];
        return new NormalizedString(
                os,
                oe,
                Arrays.copyOfRange(chars, from, to),
                Arrays.copyOfRange(alignStart, from, to),
                Arrays.copyOfRange(alignEnd, from, to),
                n);
    }

    /** HF {@code split(pattern, behavior)}: the pieces, empty ones dropped, appended to {@code out}. */
    public void split(Pattern pattern, SplitBehavior behavior, List<NormalizedString> out) {
        Splitter.split(this, pattern.findMatches(chars, length), behavior, out);
    }

    @Override
    public String toString() {
        return text() + " @" + origStart + ".." + origEnd;
    }
}
