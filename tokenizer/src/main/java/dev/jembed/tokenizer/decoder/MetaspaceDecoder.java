package dev.jembed.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** Turns the replacement character back into spaces, dropping it from the first token when a prefix was added. */
public record MetaspaceDecoder(int replacement, boolean prependAdded) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
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
            out.add(sb.toString());
        }
        return out;
    }
}
