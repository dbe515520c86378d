package dev.jembed.tokenizer.decoder;

import java.util.List;

/**
 * A tokenizer.json {@code decoder}: turns token strings back into text. {@link #decodeChain}
 * maps tokens to tokens (so decoders can be chained); the text is their concatenation.
 */
public interface Decoder {
    List<String> decodeChain(List<String> tokens);

    default String decode(List<String> tokens) {
        return String.join("", decodeChain(tokens));
    }
}
