package dev.jembed.tokenizer.decoder;

import dev.jembed.tokenizer.pretokenizer.ByteLevel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Maps byte stand-in characters back to bytes and decodes them as UTF-8, invalid sequences
 * becoming U+FFFD. A token containing a character that is not a stand-in contributes its own
 * UTF-8 bytes.
 */
public record ByteLevelDecoder() implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String t : tokens) {
            boolean allMapped = true;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= ByteLevel.CHAR_TO_BYTE.length || ByteLevel.CHAR_TO_BYTE[c] < 0) {
                    allMapped = false;
                    break;
                }
            }
            if (allMapped) {
                for (int i = 0; i < t.length(); i++) {
                    bytes.write(ByteLevel.CHAR_TO_BYTE[t.charAt(i)]);
                }
            } else {
                bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            }
        }
        return List.of(Utf8.decodeLossy(bytes.toByteArray()));
    }
}
