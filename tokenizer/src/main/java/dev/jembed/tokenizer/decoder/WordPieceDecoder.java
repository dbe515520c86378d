package dev.jembed.tokenizer.decoder;

/** Joins WordPiece tokens: drops the {@code ##} prefix, spaces other tokens, optionally tidies punctuation. */
public record WordPieceDecoder(String prefix, boolean cleanup) implements TokenDecoder {
    @Override
    public String decodeToken(String t, int i, int count) {
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
        return t;
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
