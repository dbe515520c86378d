package dev.jembed.tokenizer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8#decodeLossy} replaces each maximal invalid subpart by one U+FFFD, as Rust's
 * {@code from_utf8_lossy} does. The JDK's decoder follows the same practice except after the lead
 * byte ED (it takes ED and a following A0..BF, a surrogate's first two bytes, as one subpart), so it
 * serves as the reference for byte strings without ED, and the ED cases are checked by hand.
 */
class Utf8LossyTest {

    /** The Unicode Standard's example of the practice (chapter 3, "U+FFFD Substitution of Maximal Subparts"). */
    @Test
    void unicodeStandardExample() {
        byte[] bytes = bytes(0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64);
        // 61 | F1 80 80 | E1 80 | C2 | 62 | 80 | 63 | 80 | BF | 64
        assertEquals("a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd", Utf8.decodeLossy(bytes));
    }

    /** Surrogates, overlong forms and code points above U+10FFFF: each byte is its own subpart. */
    @Test
    void boundaryLeadBytes() {
        assertEquals("\uFFFD\uFFFD\uFFFD", Utf8.decodeLossy(bytes(0xED, 0xA0, 0x80)));
        assertEquals("\uFFFD\uFFFD", Utf8.decodeLossy(bytes(0xED, 0xBF)));
        assertEquals("\uFFFD", Utf8.decodeLossy(bytes(0xED, 0x9F)));
        assertEquals("\uFFFD\uFFFD\uFFFD", Utf8.decodeLossy(bytes(0xE0, 0x80, 0x80)));
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", Utf8.decodeLossy(bytes(0xF4, 0x90, 0x80, 0x80)));
        assertEquals("\uFFFD\uFFFD", Utf8.decodeLossy(bytes(0xC0, 0xAF)));
        assertEquals(
                "\uD7FF\uE000\uDBFF\uDFFF",
                Utf8.decodeLossy(bytes(0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF)));
    }

    /** Against the JDK's decoder, on byte strings made of the bytes where UTF-8's rules change (but ED). */
    @Property(tries = 3000)
    void agreesWithTheJdk(@ForAll("utf8Edges") byte[] bytes) {
        assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8.decodeLossy(bytes));
    }

    @Provide
    Arbitrary<byte[]> utf8Edges() {
        Arbitrary<Byte> edge = Arbitraries.of(
                        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                        0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF)
                .map(Integer::byteValue);
        return edge.array(byte[].class).ofMaxSize(12);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
