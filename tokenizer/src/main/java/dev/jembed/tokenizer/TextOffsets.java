package dev.jembed.tokenizer;

import dev.jembed.tokenizer.text.Chars;

/**
 * The UTF-16 details of encoding a Java string as Hugging Face does: unpaired surrogates become
 * U+FFFD before tokenization, and raw byte offsets a model could not map inside a word are read as
 * byte offsets into the whole text, converted to char offsets by HF's rules.
 */
final class TextOffsets {
    private TextOffsets() {}

    /** Replaces unpaired surrogates with U+FFFD. */
    static String clean(String s) {
        int n = s.length();
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                break;
            }
        }
        if (i >= n) {
            return s;
        }
        char[] c = s.toCharArray();
        for (; i < n; i++) {
            if (Character.isHighSurrogate(c[i]) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c[i])) {
                c[i] = '\uFFFD';
            }
        }
        return new String(c);
    }

    /** UTF-16 index of the character that holds UTF-8 byte {@code b} of {@code text} (clamped). */
    static int unitOfByte(String text, int b) {
        int bytes = 0;
        for (int u = 0; u < text.length(); ) {
            int cp = text.codePointAt(u);
            bytes += Chars.utf8Length(cp);
            if (bytes > b) {
                return u;
            }
            u += Character.charCount(cp);
        }
        return text.length();
    }

    /** HF's char conversion of a raw end byte offset: the character at it, the text end, or two past the start. */
    static int endOfByte(String text, int e, int start) {
        int total = 0;
        for (int u = 0; u < text.length(); ) {
            int cp = text.codePointAt(u);
            if (total == e) {
                return u;
            }
            total += Chars.utf8Length(cp);
            if (total > e) {
                return u;
            }
            u += Character.charCount(cp);
        }
        if (total == e) {
            return text.length();
        }
        int p = start;
        for (int k = 0; k < 2 && p < text.length(); k++) {
            p += Character.charCount(text.codePointAt(p));
        }
        return p;
    }
}
