package dev.jembed.tokenizer.decoder;

import java.util.List;

/** Joins all tokens into one. */
public record FuseDecoder() implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        return List.of(String.join("", tokens));
    }
}
