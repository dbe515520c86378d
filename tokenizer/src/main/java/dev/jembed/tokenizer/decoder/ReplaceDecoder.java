package dev.jembed.tokenizer.decoder;

import dev.jembed.tokenizer.text.Pattern;

/** Replaces every match of a pattern in every token. */
public record ReplaceDecoder(Pattern pattern, String content) implements TokenDecoder {
    @Override
    public String decodeToken(String t, int position, int count) {
        char[] c = t.toCharArray();
        int[] m = pattern.findMatches(c, c.length);
        StringBuilder sb = new StringBuilder(t.length());
        for (int k = 0; k < m[0]; k++) {
            int s = m[1 + 3 * k];
            int e = m[1 + 3 * k + 1];
            if (m[1 + 3 * k + 2] != 0) {
                sb.append(content);
            } else {
                sb.append(c, s, e - s);
            }
        }
        return sb.toString();
    }
}
