package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.MatchList;
import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.Pattern;
import dev.jembed.tokenizer.text.PreTokenizedString;
import dev.jembed.tokenizer.text.SplitBehavior;
import java.util.function.IntPredicate;

/**
 * GPT-2's byte-level pre-tokenizer: optionally prepend a space, split with GPT-2's regex
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}
 * (hand-written matcher, same matches as Oniguruma), then map every UTF-8 byte to its printable
 * stand-in character.
 */
public record ByteLevel(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
    /** GPT-2's byte to character table. */
    public static final char[] BYTE_TO_CHAR = new char[256];
    /** Inverse of {@link #BYTE_TO_CHAR}, -1 where a character is not a byte stand-in. */
    public static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + n++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    /** The GPT-2 split pattern. */
    public static final Pattern GPT2_PATTERN = ByteLevel::gpt2Matches;

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((n, out) -> {
            if (addPrefixSpace && !n.startsWith(' ')) {
                n.prepend(" ");
            }
            if (useRegex) {
                n.split(GPT2_PATTERN, SplitBehavior.ISOLATED, out);
            } else {
                out.add(n);
            }
        });
        text.normalize(ByteLevel::toBytes);
    }

    /** Replaces every character by the stand-ins of its UTF-8 bytes, all aligned to it. */
    public static void toBytes(NormalizedString n) {
        n.rewriteEach((r, cp) -> {
            if (cp < 0x80) {
                r.emit(BYTE_TO_CHAR[cp], 0);
            } else if (cp < 0x800) {
                r.emit(BYTE_TO_CHAR[0xC0 | (cp >> 6)], 0);
                r.emit(BYTE_TO_CHAR[0x80 | (cp & 0x3F)], 1);
            } else if (cp < 0x10000) {
                r.emit(BYTE_TO_CHAR[0xE0 | (cp >> 12)], 0);
                r.emit(BYTE_TO_CHAR[0x80 | ((cp >> 6) & 0x3F)], 1);
                r.emit(BYTE_TO_CHAR[0x80 | (cp & 0x3F)], 1);
            } else {
                r.emit(BYTE_TO_CHAR[0xF0 | (cp >> 18)], 0);
                r.emit(BYTE_TO_CHAR[0x80 | ((cp >> 12) & 0x3F)], 1);
                r.emit(BYTE_TO_CHAR[0x80 | ((cp >> 6) & 0x3F)], 1);
                r.emit(BYTE_TO_CHAR[0x80 | (cp & 0x3F)], 1);
            }
        });
    }

    private static boolean isOtherClass(int cp) {
        return !Chars.isWhitespace(cp) && !Chars.isLetter(cp) && !Chars.isNumber(cp);
    }

    private static int cpAt(char[] t, int i, int len) {
        return Character.codePointAt(t, i, len);
    }

    static int[] gpt2Matches(char[] t, int len) {
        MatchList m = new MatchList(Math.max(4, len / 4));
        if (len == 0) {
            m.add(0, 0, false);
            return m.toArray();
        }
        int i = 0;
        while (i < len) {
            int end = matchAt(t, i, len);
            m.add(i, end, true);
            i = end;
        }
        return m.toArray();
    }

    /** End of the GPT-2 regex match starting at {@code i} (every position starts one). */
    private static int matchAt(char[] t, int i, int len) {
        int cp = cpAt(t, i, len);
        if (cp == '\'' && i + 1 < len) {
            char a = t[i + 1];
            if (a == 's' || a == 't' || a == 'm' || a == 'd') {
                return i + 2;
            }
            if (i + 2 < len) {
                char b = t[i + 2];
                if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                    return i + 3;
                }
            }
        }
        int j = i;
        int c = cp;
        if (cp == ' ' && i + 1 < len) {
            j = i + 1;
            c = cpAt(t, j, len);
        }
        if (!(j == i && cp == ' ')) {
            // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`
            if (Chars.isLetter(c)) {
                return runEnd(t, j + Character.charCount(c), len, Chars::isLetter);
            }
            if (Chars.isNumber(c)) {
                return runEnd(t, j + Character.charCount(c), len, Chars::isNumber);
            }
            if (isOtherClass(c)) {
                return runEnd(t, j + Character.charCount(c), len, ByteLevel::isOtherClass);
            }
        }
        if (Chars.isWhitespace(cp)) {
            int k = i + Character.charCount(cp);
            int last = i;
            while (k < len) {
                int d = cpAt(t, k, len);
                if (!Chars.isWhitespace(d)) {
                    break;
                }
                last = k;
                k += Character.charCount(d);
            }
            if (k == len) {
                return k;
            }
            // \s+(?!\S): give back the last whitespace so it can join the next word
            if (last > i) {
                return last;
            }
            return k;
        }
        // a lone space followed by whitespace-free text is handled above; anything else is one char
        return i + Character.charCount(cp);
    }

    /** Where the run of code points in {@code cls} that continues at {@code k} ends. */
    private static int runEnd(char[] t, int k, int len, IntPredicate cls) {
        while (k < len) {
            int d = cpAt(t, k, len);
            if (!cls.test(d)) {
                break;
            }
            k += Character.charCount(d);
        }
        return k;
    }

    @Override
    public boolean cutSafe() {
        return useRegex;
    }
}
