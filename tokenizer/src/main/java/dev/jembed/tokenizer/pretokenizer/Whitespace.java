package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.PreTokenizedString;

/** Keeps the matches of {@code \w+|[^\w\s]+} and drops the whitespace between them. */
public record Whitespace() implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((n, out) -> {
            char[] ch = n.buffer();
            int len = n.length();
            int i = 0;
            while (i < len) {
                int cp = Character.codePointAt(ch, i, len);
                if (Chars.isWhitespace(cp) && !Chars.isWord(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                boolean word = Chars.isWord(cp);
                int k = i + Character.charCount(cp);
                while (k < len) {
                    int d = Character.codePointAt(ch, k, len);
                    boolean same = word ? Chars.isWord(d) : !Chars.isWord(d) && !Chars.isWhitespace(d);
                    if (!same) {
                        break;
                    }
                    k += Character.charCount(d);
                }
                out.add(n.slice(i, k));
                i = k;
            }
        });
    }

    @Override
    public boolean cutSafe() {
        return true;
    }
}
