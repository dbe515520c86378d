package dev.jembed.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** Joins WordPiece tokens: drops the {@code ##} prefix, spaces other tokens, optionally tidies punctuation. */
public record WordPieceDecoder(String prefix, boolean cleanup) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (i != 0) {
                if (t.startsWith(prefix)) {
                    t = t.substring(prefix.length());
                } else {
                    t = " " + t;
                }
            }
            if (cleanup) {
                t = cleanup(t);
            }
            out.add(t);
        }
        return out;
    }

    /** HF's {@code cleanup}: the replacements of the original BERT detokenizer, in order. */
    static String cleanup(String s) {
        return s.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" do not", " don't")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
