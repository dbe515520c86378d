package dev.jembed.tokenizer.decoder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns runs of {@code <0xAB>} tokens into the text they encode; an invalid run gives one U+FFFD per byte. */
public record ByteFallbackDecoder() implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        byte[] pending = new byte[16];
        int np = 0;
        for (String t : tokens) {
            int b = byteOf(t);
            if (b >= 0) {
                if (np == pending.length) {
                    pending = java.util.Arrays.copyOf(pending, np * 2);
                }
                pending[np++] = (byte) b;
                continue;
            }
            flush(out, pending, np);
            np = 0;
            out.add(t);
        }
        flush(out, pending, np);
        return out;
    }

    private static int byteOf(String t) {
        if (t.length() == 6 && t.startsWith("<0x") && t.endsWith(">")) {
            int hi = Character.digit(t.charAt(3), 16);
            int lo = Character.digit(t.charAt(4), 16);
            if (hi >= 0 && lo >= 0) {
                return hi * 16 + lo;
            }
        }
        return -1;
    }

    private static void flush(List<String> out, byte[] pending, int np) {
        if (np == 0) {
            return;
        }
        try {
            out.add(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(pending, 0, np))
                    .toString());
        } catch (CharacterCodingException e) {
            for (int i = 0; i < np; i++) {
                out.add("\uFFFD");
            }
        }
    }
}
