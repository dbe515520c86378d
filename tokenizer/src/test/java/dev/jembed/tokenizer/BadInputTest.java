package dev.jembed.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.fixtures.Allocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Null text, broken files, missing unknown tokens, hostile input sizes and unpaired surrogates. */
class BadInputTest {
    /**
     * Heap bytes an encoding may allocate per input character. Measured (JDK 25, C2): 166 for BPE on one
     * 200,000-letter word, 110 (WordPiece) and 164 (byte-level BPE) on 1 MB of prose; the margin covers
     * code not yet compiled, whose allocations escape analysis has not removed.
     */
    static final long BYTES_PER_CHAR = 700;

    static Tokenizer bert;
    static Tokenizer gpt2;
    static byte[] bertJson;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Djl.resource("bert-tokenizer.json")) {
            bertJson = in.readAllBytes();
        }
        bert = Tokenizer.fromTokenizerJson(new ByteArrayInputStream(bertJson), "bert-tokenizer.json")
                .withoutTruncation()
                .withoutPadding();
        try (InputStream in = Djl.resource("dev/jembed/tokenizer/gpt2/tokenizer.json")) {
            gpt2 = Tokenizer.fromTokenizerJson(in, "gpt2/tokenizer.json");
        }
    }

    private static Tokenizer parse(String json, String name) throws IOException {
        return Tokenizer.fromTokenizerJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals(
                "text",
                assertThrows(NullPointerException.class, () -> bert.encode(null))
                        .getMessage());
        assertEquals(
                "text",
                assertThrows(NullPointerException.class, () -> bert.encode(null, false))
                        .getMessage());
        assertEquals(
                "first",
                assertThrows(NullPointerException.class, () -> bert.encodePair(null, "b"))
                        .getMessage());
        assertEquals(
                "second",
                assertThrows(NullPointerException.class, () -> bert.encodePair("a", null))
                        .getMessage());
        assertEquals(
                "texts",
                assertThrows(NullPointerException.class, () -> bert.encodeBatch(null))
                        .getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> bert.encodeBatch(Arrays.asList("a", null)))
                .getMessage()
                .contains("texts"));
        assertEquals(
                "ids",
                assertThrows(NullPointerException.class, () -> bert.decode(null, true))
                        .getMessage());
        assertEquals(
                "tokenizerJson",
                assertThrows(NullPointerException.class, () -> Tokenizer.fromFile(null))
                        .getMessage());
    }

    @Test
    void truncatedTokenizerJsonNamesFileAndPosition() {
        String half = new String(bertJson, StandardCharsets.UTF_8).substring(0, bertJson.length / 2);
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> parse(half, "cut.json"));
        assertEquals("cut.json", e.source());
        assertTrue(e.location().startsWith("/model/vocab"), e.location());
        assertTrue(e.getMessage().startsWith("cut.json: at /model/vocab"), e.getMessage());
    }

    @Test
    void malformedJsonNamesFileAndPosition() {
        TokenizerFormatException e = assertThrows(
                TokenizerFormatException.class,
                () -> parse(
                        "{\"version\": \"1.0\", \"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 1,, }}}",
                        "bad.json"));
        assertEquals("bad.json", e.source());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
        assertThrows(TokenizerFormatException.class, () -> parse("", "empty.json"));
        assertThrows(TokenizerFormatException.class, () -> parse("{} {}", "two.json"));
    }

    @Test
    void mistypedValuesNameTheJsonPointer() {
        TokenizerFormatException e = assertThrows(
                TokenizerFormatException.class,
                () -> parse("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": \"x\"}}}", "t.json"));
        assertEquals("/model/vocab/a", e.location());
        e = assertThrows(TokenizerFormatException.class, () -> parse("{\"normalizer\": null}", "t.json"));
        assertTrue(e.getMessage().contains("at /model: missing"), e.getMessage());
        e = assertThrows(
                TokenizerFormatException.class,
                () -> parse(
                        "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a b\"]}}", "m.json"));
        assertEquals("/model/merges/0", e.location());
        assertTrue(e.getMessage().contains("'b' is not in the vocabulary"), e.getMessage());
        e = assertThrows(
                TokenizerFormatException.class, () -> parse("{\"version\": \"2.0\", \"model\": {}}", "v.json"));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void unknownComponentsAreRefusedByName() {
        UnsupportedComponentException e = assertThrows(
                UnsupportedComponentException.class,
                () -> parse(
                        "{\"normalizer\": {\"type\": \"Precompiled\", \"precompiled_charsmap\": \"\"},"
                                + " \"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 0}}}",
                        "sp.json"));
        assertEquals("normalizer", e.component());
        assertEquals("Precompiled", e.type());
        assertTrue(e.getMessage().startsWith("sp.json: at /normalizer"), e.getMessage());
        e = assertThrows(
                UnsupportedComponentException.class,
                () -> parse("{\"model\": {\"type\": \"Unigram\", \"vocab\": [[\"a\", 0.0]]}}", "u.json"));
        assertEquals("model", e.component());
        e = assertThrows(
                UnsupportedComponentException.class,
                () -> parse(
                        "{\"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"UnicodeScripts\"}]},"
                                + " \"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 0}}}",
                        "p.json"));
        assertEquals("/pre_tokenizer/pretokenizers/0", e.location());
        e = assertThrows(
                UnsupportedComponentException.class,
                () -> parse(
                        "{\"model\": {\"type\": \"BPE\", \"dropout\": 0.1, \"vocab\": {\"a\": 0}, \"merges\": []}}",
                        "d.json"));
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }

    @Test
    void deeplyNestedJsonIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(200_000);
        assertThrows(TokenizerFormatException.class, () -> parse(deep, "deep.json"));
    }

    @Test
    void unknownPieceWithoutUnknownTokenIsAClearError() throws IOException {
        Tokenizer wp = parse(
                "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", \"vocab\": {\"a\": 0, \"##b\": 1}}}",
                "wp.json");
        assertArrayEquals(new int[] {0, 1}, wp.encode("ab").ids());
        TokenizationException e = assertThrows(TokenizationException.class, () -> wp.encode("abc"));
        assertTrue(e.getMessage().contains("[UNK]"), e.getMessage());
        Tokenizer bpe = parse(
                "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0, \"b\": 1, \"ab\": 2}, \"merges\": [\"a b\"]}}",
                "bpe.json");
        assertArrayEquals(new int[] {2}, bpe.encode("ab").ids());
        e = assertThrows(TokenizationException.class, () -> bpe.encode("abc"));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        assertThrows(TokenizationException.class, () -> bpe.decode(new int[] {7}, false));
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        for (Tokenizer t : List.of(bert, gpt2)) {
            for (String[] c : new String[][] {
                {"a\uD800b", "a\uFFFDb"},
                {"x \uDC00", "x \uFFFD"},
                {"\uD83D", "\uFFFD"},
                {"\uDE00\uD83D", "\uFFFD\uFFFD"},
                {"ok \uD83D\uDE00 \uD800", "ok \uD83D\uDE00 \uFFFD"}
            }) {
                Encoding raw = t.encode(c[0]);
                Encoding replaced = t.encode(c[1]);
                assertEquals(replaced, raw, Djl.show(c[0]));
            }
        }
        // byte-level BPE sees U+FFFD's three UTF-8 bytes, at the surrogate's position
        Encoding e = gpt2.encode("a\uD800b");
        assertEquals(List.of("a", "ï¿½", "b"), Arrays.asList(e.tokens()));
        assertArrayEquals(new int[] {0, 1, 2}, e.startOffsets());
        assertArrayEquals(new int[] {1, 2, 3}, e.endOffsets());
    }

    /**
     * Huge inputs cost memory in proportion to their size, whatever the machine: the work is bounded by
     * the bytes the encoding thread allocates per input character (a clock would measure the machine).
     * A quadratic step that copies (a symbol list re-built per merge, arrays grown by a constant, a string
     * per lookup) allocates in proportion to the square and fails the bound by orders of magnitude at these
     * sizes. The bound is about 4 times what was measured (BYTES_PER_CHAR).
     */
    @Test
    void hugeInputsAreLinearAndNeverOverflowTheStack() {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            word.append((char) ('a' + r.nextInt(26)));
        }
        String longWord = word.toString();
        gpt2.encode(longWord); // loads and compiles what the measured call runs
        Encoding[] encoded = new Encoding[1];
        long gpt2Bytes = Allocations.bytesAllocatedBy(() -> encoded[0] = gpt2.encode(longWord));
        Encoding g = encoded[0];
        assertTrue(g.length() > 30_000, "a random 200,000-letter word is many BPE tokens");
        assertEquals(longWord.length(), g.endOffsets()[g.length() - 1]);
        System.out.printf(
                "BPE on a 200,000-letter word: %d tokens, %.1f bytes allocated per character%n",
                g.length(), (double) gpt2Bytes / longWord.length());
        assertTrue(
                gpt2Bytes < BYTES_PER_CHAR * longWord.length(),
                "BPE on a 200,000-letter word allocated " + gpt2Bytes + " bytes");
        // WordPiece: one word longer than 100 characters is a single [UNK]
        Encoding b = bert.encode(longWord);
        assertEquals(3, b.length());
        assertEquals("[UNK]", b.tokens()[1]);
        // 1 MB of prose
        StringBuilder text = new StringBuilder();
        List<String> stsb = Djl.stsbSentences();
        for (int i = 0; text.length() < 1_000_000; i++) {
            text.append(stsb.get(i % stsb.size())).append(i % 7 == 0 ? "\n" : " ");
        }
        String mb = text.toString();
        for (Tokenizer t : List.of(bert, gpt2)) {
            t.encode(mb);
            Encoding[] e = new Encoding[1];
            long bytes = Allocations.bytesAllocatedBy(() -> e[0] = t.encode(mb));
            assertTrue(e[0].length() > 150_000, "tokens of 1 MB: " + e[0].length());
            System.out.printf(
                    "1 MB of prose: %d tokens, %.1f bytes allocated per character%n",
                    e[0].length(), (double) bytes / mb.length());
            assertTrue(bytes < BYTES_PER_CHAR * mb.length(), "1 MB allocated " + bytes + " bytes");
        }
        // whitespace and punctuation floods
        assertEquals(2, bert.encode(" ".repeat(500_000)).length());
        assertEquals(500_002, bert.encode("!".repeat(500_000)).length());
        assertTrue(gpt2.encode("\u0301".repeat(100_000)).length() > 0);
    }

    @Test
    void missingDirectoryContentsIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        TokenizerFormatException e = assertThrows(TokenizerFormatException.class, () -> Tokenizer.fromDirectory(dir));
        assertTrue(e.getMessage().contains("no tokenizer.json"), e.getMessage());
        Files.write(dir.resolve("tokenizer.json"), bertJson);
        assertEquals(
                bert.encode("Hello there").ids().length,
                Tokenizer.fromDirectory(dir)
                        .withoutPadding()
                        .encode("Hello there")
                        .length());
    }
}
