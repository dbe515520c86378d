package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.NormalizedString;

/**
 * BERT's normalizer: drop NUL, U+FFFD and control characters and turn whitespace into spaces
 * (clean_text), surround CJK ideographs with spaces, strip accents (NFD then drop Mn; defaults
 * to {@code lowercase} when null) and lowercase.
 */
public record BertNormalizer(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase)
        implements Normalizer {
    @Override
    public void normalize(NormalizedString n) {
        if (cleanText) {
            n.filter(c -> !(c == 0 || c == 0xFFFD || Chars.isBertControl(c)));
            n.map(c -> Chars.isBertWhitespace(c) ? ' ' : c);
        }
        if (handleChineseChars) {
            handleChinese(n);
        }
        boolean strip = stripAccents == null ? lowercase : stripAccents;
        if (strip) {
            n.nfd();
            n.filter(c -> !Chars.isMarkNonspacing(c));
        }
        if (lowercase) {
            n.lowercase();
        }
    }

    private static void handleChinese(NormalizedString n) {
        char[] ch = n.buffer();
        int len = n.length();
        boolean any = false;
        for (int i = 0; i < len; i++) {
            char c = ch[i];
            if ((c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || Character.isHighSurrogate(c)) {
                if (Chars.isChinese(Character.codePointAt(ch, i, len))) {
                    any = true;
                    break;
                }
            }
        }
        if (!any) {
            return;
        }
        n.rewriteEach((r, cp) -> {
            if (Chars.isChinese(cp)) {
                r.emit(' ', 0);
                r.emit(cp, 1);
                r.emit(' ', 1);
            } else {
                r.emit(cp, 0);
            }
        });
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
