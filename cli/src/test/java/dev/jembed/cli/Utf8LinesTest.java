package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {

    private static List<String> lines(byte[] bytes) throws IOException {
        return Utf8Lines.readAll(new Utf8Lines(new ByteArrayInputStream(bytes), "t.txt"));
    }

    private static List<String> lines(String text) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyLineIsOneTextAndEmptyLinesCount() throws IOException {
        assertEquals(List.of(), lines(""));
        assertEquals(List.of(""), lines("\n"));
        assertEquals(List.of("a", "", "b"), lines("a\n\nb\n"));
        assertEquals(List.of("a", "", "b"), lines("a\n\nb"));
        assertEquals(List.of("", "", ""), lines("\n\n\n"));
        assertEquals(List.of("a", "b ", " "), lines("a\r\nb \r\n \n"));
        assertEquals(List.of("a\rb"), lines("a\rb"));
    }

    @Test
    void aByteOrderMarkIsSkippedOnlyAtTheStart() throws IOException {
        assertEquals(List.of("a", "\uFEFFb"), lines("\uFEFFa\n\uFEFFb"));
    }

    @Test
    void validTextOfAllSizesSurvivesChunkBoundaries() throws IOException {
        StringBuilder b = new StringBuilder();
        Random r = new Random(7);
        int n = 0;
        while (b.length() < 300_000) {
            int len = r.nextInt(40);
            for (int i = 0; i < len; i++) {
                b.appendCodePoint(
                        switch (r.nextInt(4)) {
                            case 0 -> 'a' + r.nextInt(26);
                            case 1 -> 0xE9; // 2 bytes
                            case 2 -> 0x4E2D; // 3 bytes
                            default -> 0x1F600; // 4 bytes
                        });
            }
            b.append('\n');
            n++;
        }
        List<String> got = lines(b.toString());
        assertEquals(n, got.size());
        assertEquals(b.toString(), String.join("\n", got) + "\n");
    }

    @Test
    void invalidBytesAreReplacedAsAReplaceDecoderDoesAndTheFirstBadLineIsKnown() throws IOException {
        byte[] bad = {
            'o', 'k', '\n', '\n', 'x', (byte) 0xFF, 'y', '\n', (byte) 0xC3, '\n', (byte) 0xE4, (byte) 0xB8, '\n', 'z'
        };
        Utf8Lines reader = new Utf8Lines(new ByteArrayInputStream(bad), "t.txt");
        List<String> got = Utf8Lines.readAll(reader);
        // String(byte[], UTF_8) uses REPLACE: the reference for what each malformed sequence becomes
        assertEquals(Arrays.asList(new String(bad, StandardCharsets.UTF_8).split("\n", -1)), got);
        assertEquals(List.of("ok", "", "x\uFFFDy", "\uFFFD", "\uFFFD", "z"), got);
        assertEquals(3, reader.firstBadLine());
        assertEquals(3, reader.badSequences());
        assertEquals("t.txt: invalid UTF-8 replaced by U+FFFD (3 sequences, the first on line 3)", reader.warning());
    }

    @Test
    void aTruncatedSequenceAtTheEndIsReplacedToo() throws IOException {
        byte[] bad = {'a', '\n', 'b', (byte) 0xF0, (byte) 0x9F};
        Utf8Lines reader = new Utf8Lines(new ByteArrayInputStream(bad), "t.txt");
        assertEquals(List.of("a", "b\uFFFD"), Utf8Lines.readAll(reader));
        assertEquals(2, reader.firstBadLine());
    }

    @Test
    void randomBytesDecodeLikeReplaceWithTheLineCountOfTheirNewlines() throws IOException {
        Random r = new Random(42);
        for (int round = 0; round < 20; round++) {
            byte[] bytes = new byte[r.nextInt(200_000)];
            r.nextBytes(bytes);
            for (int i = 0; i < bytes.length; i += 1 + r.nextInt(80)) bytes[i] = '\n';
            var out = new ByteArrayOutputStream();
            out.writeBytes(bytes);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') out.write('\n');
            byte[] data = out.toByteArray();
            long newlines = 0;
            for (byte b : data) if (b == '\n') newlines++;
            Utf8Lines reader = new Utf8Lines(new TrickleStream(data, r), "random");
            List<String> got = Utf8Lines.readAll(reader);
            assertEquals(newlines, got.size());
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            List<String> expected = Arrays.stream(text.split("\n", -1))
                    .limit(newlines)
                    .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                    .toList();
            assertEquals(expected, got);
        }
    }

    @Test
    void validInputHasNoWarning() throws IOException {
        Utf8Lines reader =
                new Utf8Lines(new ByteArrayInputStream("é\n中\n😀".getBytes(StandardCharsets.UTF_8)), "t.txt");
        assertEquals(List.of("é", "中", "😀"), Utf8Lines.readAll(reader));
        assertNull(reader.warning());
        assertEquals(0, reader.firstBadLine());
    }

    /** Returns few bytes per read, so multi-byte sequences and bad bytes straddle reads. */
    private static final class TrickleStream extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        TrickleStream(byte[] data, Random random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) return -1;
            int n = Math.min(Math.min(len, 1 + random.nextInt(70_000)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
