package dev.jembed.tokenizer.decoder;

/** Turns the replacement character back into spaces, dropping it from the first token when a prefix was added. */
public record MetaspaceDecoder(int replacement, boolean prependAdded) implements TokenDecoder {
    @Override
    public String decodeToken(String t, int i, int count) {
        StringBuilder sb = new StringBuilder(t.length());
        for (int k = 0; k < t.length(); ) {
            int cp = t.codePointAt(k);
            k += Character.charCount(cp);
            if (cp == replacement) {
                if (!(i == 0 && prependAdded)) {
                    sb.append(' ');
                }
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }
}
