package dev.jembed.engine.safetensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files by hand, including broken ones. */
final class TestFiles {

    private TestFiles() {}

    /** 8-byte little-endian {@code headerLength}, then {@code header} and {@code data} as given. */
    static byte[] bytes(long headerLength, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(headerLength)
                .array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A file whose header is {@code json} (length set correctly) followed by {@code dataBytes} zero bytes. */
    static byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return bytes(h.length, h, new byte[dataBytes]);
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
