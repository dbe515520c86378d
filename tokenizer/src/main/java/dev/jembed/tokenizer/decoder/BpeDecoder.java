package dev.jembed.tokenizer.decoder;

/** Replaces the end-of-word suffix with a space (nothing after the last token). */
public record BpeDecoder(String suffix) implements TokenDecoder {
    @Override
    public String decodeToken(String token, int index, int count) {
        return suffix.isEmpty() ? token : token.replace(suffix, index == count - 1 ? "" : " ");
    }
}
