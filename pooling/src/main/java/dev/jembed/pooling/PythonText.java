package dev.jembed.pooling;

import java.util.Locale;

/**
 * The two string operations sentence-transformers' {@code Transformer.tokenize} applies before the
 * tokenizer: Python's {@code str.strip()} and, for {@code do_lower_case} models, {@code str.lower()}.
 */
final class PythonText {
    private PythonText() {}

    /** Python's {@code str.isspace()} for one code point (Java's isWhitespace misses U+00A0, U+2007, U+202F, U+0085). */
    static boolean isSpace(int c) {
        return c == ' '
                || c >= 0x09 && c <= 0x0D
                || c >= 0x1C && c <= 0x1F
                || c == 0x85
                || c == 0xA0
                || c == 0x1680
                || c >= 0x2000 && c <= 0x200A
                || c == 0x2028
                || c == 0x2029
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000;
    }

    /** {@code s.strip()}. */
    static String strip(String s) {
        int start = 0, end = s.length();
        while (start < end && isSpace(s.charAt(start))) start++;
        while (end > start && isSpace(s.charAt(end - 1))) end--;
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** {@code s.lower()}: full Unicode lowercasing, locale-independent (final sigma included, as in Python). */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
