package dev.jembed.tokenizer;

import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import dev.jembed.fixtures.TestFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the tokenizer files: {@code tokenizer.json} (WordPiece and byte-level BPE), {@code vocab.txt}
 * with {@code tokenizer_config.json}, and {@code vocab.json} with {@code merges.txt}. Seeds are small
 * valid files (fuzz/ in the test resources) and, with fewer tries, the real all-MiniLM-L6-v2 and GPT-2
 * tokenizer.json. Every input either loads into a tokenizer that encodes text (or refuses it with a
 * {@link TokenizationException}), or fails with a {@link TokenizerFormatException} (of which
 * {@link UnsupportedComponentException} is one).
 */
@Tag("fuzz")
class TokenizerFilesFuzzTest {

    private static final String[] TEXTS = {"Hello, world! The café 北京 unaffable", "", "[CLS] x [SEP] <|endoftext|>"};
    private static final byte[] WORDPIECE_JSON = resource("fuzz/wordpiece-tokenizer.json");
    private static final byte[] BPE_JSON = resource("fuzz/bpe-tokenizer.json");
    private static final byte[] VOCAB_TXT = resource("fuzz/vocab.txt");
    private static final byte[] TOKENIZER_CONFIG = TestFixtures.bytes("minilm/st-config/tokenizer_config.json");
    private static final byte[] VOCAB_JSON = resource("fuzz/vocab.json");
    private static final byte[] MERGES_TXT = resource("fuzz/merges.txt");
    private static final byte[] GPT2_JSON = resource("gpt2/tokenizer.json");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jembed-tokenizer-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    void tokenizerJsonRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
        tokenizerJson(bytes);
    }

    @Property
    void tokenizerJsonMutated(@ForAll boolean bpe, @ForAll long mutation) {
        tokenizerJson(Mutator.mutate(bpe ? BPE_JSON : WORDPIECE_JSON, mutation));
    }

    /** The real GPT-2 tokenizer.json (1.3 MB): a few tries, each parse is large. */
    @Property(tries = 30)
    void realTokenizerJsonMutated(@ForAll long mutation) {
        tokenizerJson(Mutator.mutate(GPT2_JSON, mutation));
    }

    @Property
    void vocabTxtMutated(@ForAll long mutation, @ForAll("configs") byte[] config) {
        byte[] vocab = Mutator.mutate(VOCAB_TXT, mutation);
        check(
                "vocab.txt",
                vocab.length + (config == null ? 0 : config.length),
                () -> Tokenizer.fromBertVocab(
                        new ByteArrayInputStream(vocab),
                        "vocab.txt",
                        config == null ? null : new ByteArrayInputStream(config),
                        "tokenizer_config.json"));
    }

    @Property
    void vocabTxtRandomBytes(@ForAll @Size(max = 300) byte[] vocab) {
        check(
                "vocab.txt",
                vocab.length,
                () -> Tokenizer.fromBertVocab(new ByteArrayInputStream(vocab), "vocab.txt", null, null));
    }

    @Property
    void vocabJsonAndMergesMutated(@ForAll long mutation, @ForAll("mergesFiles") byte[] merges) {
        byte[] vocab = Mutator.mutate(VOCAB_JSON, mutation);
        bpeFiles(vocab, merges);
    }

    @Property
    void vocabJsonAndMergesRandomBytes(@ForAll @Size(max = 200) byte[] vocab, @ForAll @Size(max = 200) byte[] merges) {
        bpeFiles(vocab, merges);
    }

    /** Found by {@link #vocabJsonAndMergesMutated}: a merges.txt that is not UTF-8 was an untyped MalformedInputException. */
    @Example
    void mergesThatAreNotUtf8AreAFormatError() throws IOException {
        Files.write(DIR.resolve("vocab.json"), VOCAB_JSON);
        Files.write(DIR.resolve("merges.txt"), new byte[] {'a', ' ', 'b', (byte) 0xC3, '\n'});
        TokenizerFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                TokenizerFormatException.class,
                () -> Tokenizer.fromBpeVocab(DIR.resolve("vocab.json"), DIR.resolve("merges.txt"), null));
        if (!e.getMessage().contains("merges.txt") || !e.getMessage().contains("UTF-8"))
            throw new AssertionError(e.getMessage());
    }

    /**
     * Found by {@link #vocabJsonAndMergesMutated}: an id of 2^31 - 1 overflowed the id -> token array's length
     * (NegativeArraySizeException), and any large id allocated an array as long as the id.
     */
    @Example
    void idsFarBeyondTheVocabularyAreAFormatError() {
        for (String id : new String[] {"2147483647", "1073741824", "1048600"}) {
            byte[] json = ("{\"a\": 0, \"b\": " + id + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            TokenizerFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                    TokenizerFormatException.class,
                    () -> TokenizerJsonLoader.vocab(
                            dev.jembed.tokenizer.json.Json.parse(new ByteArrayInputStream(json), "vocab.json")));
            if (!e.getMessage().contains("/b") || !e.getMessage().contains(id))
                throw new AssertionError(e.getMessage());
        }
    }

    /**
     * Found by the long run of {@link #tokenizerJsonMutated} (this sample): a padding of
     * {@code "Fixed": 2147483647} loaded, and every encode then asked for arrays of 2^31 slots
     * (OutOfMemoryError: requested array size exceeds VM limit). Now a format error naming the field.
     */
    @Example
    void hugePaddingIsAFormatError() {
        String fixed = "\"Fixed\": 128", multiple = "\"pad_to_multiple_of\": null";
        for (String[] edit : new String[][] {
            {fixed, "\"Fixed\": 2147483647"},
            {fixed, "\"Fixed\": 1048577"},
            {multiple, "\"pad_to_multiple_of\": 1048577"}
        }) {
            String text = new String(WORDPIECE_JSON, java.nio.charset.StandardCharsets.UTF_8);
            if (!text.contains(edit[0])) throw new AssertionError("the fixture has no " + edit[0]);
            byte[] json = text.replace(edit[0], edit[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            TokenizerFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                    TokenizerFormatException.class,
                    () -> Tokenizer.fromTokenizerJson(new ByteArrayInputStream(json), "tokenizer.json"));
            if (!e.getMessage().contains("/padding/") || !e.getMessage().contains("1048576"))
                throw new AssertionError(e.getMessage());
        }
        tokenizerJsonMutated(false, 9176354);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Padding.toLength(Integer.MAX_VALUE, 0, "[PAD]"));
    }

    /** Found by the long run of {@link #vocabTxtMutated}: cls_token equal to sep_token was an IllegalArgumentException from Map.of. */
    @Example
    void oneTokenAsClsAndSepLoads() throws IOException {
        byte[] config = "{\"cls_token\": \"[CLS]\", \"sep_token\": \"[CLS]\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Tokenizer t = Tokenizer.fromBertVocab(
                new ByteArrayInputStream(VOCAB_TXT),
                "vocab.txt",
                new ByteArrayInputStream(config),
                "tokenizer_config.json");
        int cls = t.tokenToId("[CLS]");
        int[] ids = t.encode("hello").ids();
        if (ids[0] != cls || ids[ids.length - 1] != cls) throw new AssertionError(java.util.Arrays.toString(ids));
    }

    @Provide
    Arbitrary<byte[]> configs() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.just(TOKENIZER_CONFIG),
                Arbitraries.longs().map(m -> Mutator.mutate(TOKENIZER_CONFIG, m)));
    }

    @Provide
    Arbitrary<byte[]> mergesFiles() {
        return Arbitraries.oneOf(
                Arbitraries.just(MERGES_TXT), Arbitraries.longs().map(m -> Mutator.mutate(MERGES_TXT, m)));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        FuzzCheck.report("tokenizer.json", "vocab.txt", "vocab.json+merges.txt");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static void tokenizerJson(byte[] bytes) {
        check(
                "tokenizer.json",
                bytes.length,
                () -> Tokenizer.fromTokenizerJson(new ByteArrayInputStream(bytes), "tokenizer.json"));
    }

    private static void bpeFiles(byte[] vocab, byte[] merges) {
        Path vocabFile = DIR.resolve("vocab.json");
        Path mergesFile = DIR.resolve("merges.txt");
        try {
            Files.write(vocabFile, vocab);
            Files.write(mergesFile, merges);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(
                "vocab.json+merges.txt",
                vocab.length + merges.length,
                () -> Tokenizer.fromBpeVocab(vocabFile, mergesFile, null));
    }

    /** Loads, then encodes a few texts with what loaded. */
    private static void check(String parser, long bytes, Load load) {
        FuzzCheck.check(
                parser,
                bytes,
                () -> {
                    Tokenizer t = load.run();
                    for (String text : TEXTS) {
                        try {
                            Encoding e = t.encode(text);
                            e.ids();
                        } catch (TokenizationException refused) {
                            // a configuration that cannot encode this text says so: the documented refusal
                        }
                    }
                },
                TokenizerFormatException.class);
    }

    @FunctionalInterface
    private interface Load {
        Tokenizer run() throws IOException;
    }

    private static byte[] resource(String name) {
        try (InputStream in = TokenizerFilesFuzzTest.class.getResourceAsStream("/dev/jembed/tokenizer/" + name)) {
            if (in == null) throw new IllegalStateException("no test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
