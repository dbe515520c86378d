package dev.jembed.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** A decoder that rewrites each token on its own, knowing only where the token stands in the sequence. */
interface TokenDecoder extends Decoder {
    /** Token {@code index} of {@code count}, decoded. */
    String decodeToken(String token, int index, int count);

    @Override
    default List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            out.add(decodeToken(tokens.get(i), i, tokens.size()));
        }
        return out;
    }
}
