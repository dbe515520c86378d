package dev.jembed.tokenizer.decoder;

import java.util.List;

/** Chains decoders. */
public record DecoderSequence(List<Decoder> decoders) implements Decoder {
    public DecoderSequence {
        decoders = List.copyOf(decoders);
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> t = tokens;
        for (Decoder d : decoders) {
            t = d.decodeChain(t);
        }
        return t;
    }
}
