package dev.jembed.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads UTF-8 text one line at a time, as the commands take their input: every line is one text,
 * an empty line is an empty text, so the number of texts is the number of lines. Lines end at
 * {@code \n}; a {@code \r} before it is dropped, a final line without {@code \n} counts, and a byte
 * order mark at the start is skipped.
 *
 * <p>Invalid UTF-8 does not stop the reading: each malformed sequence becomes U+FFFD, exactly as a
 * {@link CodingErrorAction#REPLACE} decoder would, and {@link #firstBadLine()} remembers where the
 * first one was so the caller can warn.
 */
final class Utf8Lines implements Closeable {
    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final String source;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK).flip();
    private final CharBuffer chars = CharBuffer.allocate(CHUNK);
    private final StringBuilder pending = new StringBuilder();
    private int start; // pending[0, start) has been returned already
    private boolean eof, flushed, first = true;
    private long lines, firstBadLine, badSequences;

    /** Lines of {@code in}; {@code source} names it in messages (a file name or "standard input"). */
    public Utf8Lines(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Every remaining line of {@code reader}. */
    public static List<String> readAll(Utf8Lines reader) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line; (line = reader.next()) != null; ) out.add(line);
        return out;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public String next() throws IOException {
        while (true) {
            int nl = pending.indexOf("\n", start);
            if (nl >= 0) return take(nl, nl + 1);
            if (flushed) return pending.length() > start ? take(pending.length(), pending.length()) : null;
            fill();
        }
    }

    private String take(int end, int next) {
        int e = end > start && pending.charAt(end - 1) == '\r' ? end - 1 : end;
        String line = pending.substring(start, e);
        start = next;
        if (start > CHUNK && start > pending.length() / 2) {
            pending.delete(0, start);
            start = 0;
        }
        lines++;
        return line;
    }

    /** Decodes the next chunk of bytes into {@code pending}. */
    private void fill() throws IOException {
        if (!eof) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) eof = true;
            else bytes.position(bytes.position() + n);
            bytes.flip();
        }
        while (true) {
            CoderResult r = decoder.decode(bytes, chars, eof);
            drain();
            if (r.isError()) {
                malformed();
                bytes.position(bytes.position() + r.length());
            } else if (!r.isOverflow()) {
                break;
            }
        }
        if (eof) {
            decoder.flush(chars);
            drain();
            flushed = true;
        }
    }

    private void drain() {
        chars.flip();
        if (first && chars.hasRemaining()) {
            if (chars.charAt(0) == '\uFEFF') chars.get();
            first = false;
        }
        pending.append(chars);
        chars.clear();
    }

    private void malformed() {
        badSequences++;
        if (firstBadLine == 0) {
            long line = lines + 1;
            for (int i = start; i < pending.length(); i++) if (pending.charAt(i) == '\n') line++;
            firstBadLine = line;
        }
        first = false;
        pending.append('\uFFFD');
    }

    /** What the lines come from, for messages. */
    public String source() {
        return source;
    }

    /** The 1-based line of the first invalid UTF-8 sequence, or 0 if none was seen so far. */
    public long firstBadLine() {
        return firstBadLine;
    }

    /** How many invalid sequences were replaced so far. */
    public long badSequences() {
        return badSequences;
    }

    /** A one-line warning about replaced bytes, or null if the input was valid UTF-8. */
    public String warning() {
        if (badSequences == 0) return null;
        return source + ": invalid UTF-8 replaced by U+FFFD (" + badSequences
                + (badSequences == 1 ? " sequence" : " sequences") + ", the first on line " + firstBadLine + ")";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
