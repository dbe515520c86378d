package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.PreTokenizedString;

/**
 * BERT's pre-tokenizer: split on whitespace (removed), then isolate every punctuation
 * character. Done in one pass; the pieces are those of HF's two passes.
 */
public record BertPreTokenizer() implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((n, out) -> {
            char[] ch = n.buffer();
            int len = n.length();
            int start = -1;
            for (int i = 0; i < len; ) {
                int cp = Character.codePointAt(ch, i, len);
                int w = Character.charCount(cp);
                boolean ws;
                boolean punct;
                if (cp < 128) {
                    ws = cp == ' ' || (cp >= 9 && cp <= 13);
                    punct = !ws && ASCII_PUNCT[cp];
                } else {
                    ws = Chars.isWhitespace(cp);
                    punct = !ws && Chars.isBertPunctuation(cp);
                }
                if (ws || punct) {
                    if (start >= 0) {
                        out.add(n.slice(start, i));
                        start = -1;
                    }
                    if (punct) {
                        out.add(n.slice(i, i + w));
                    }
                } else if (start < 0) {
                    start = i;
                }
                i += w;
            }
            if (start >= 0) {
                out.add(n.slice(start, len));
            }
        });
    }

    private static final boolean[] ASCII_PUNCT = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_PUNCT[c] = Chars.isBertPunctuation(c);
        }
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
