package dev.jembed.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.jembed.fixtures.TestFixtures;
import dev.jembed.tokenizer.json.Json;
import dev.jembed.tokenizer.json.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2's WordPiece tokenizer, loaded from its tokenizer.json and from vocab.txt +
 * tokenizer_config.json, against Hugging Face tokenizers (DJL) on STS-B, the tricky-string
 * fixture and 10,000 generated strings: identical ids, tokens, type ids, masks and offsets.
 */
class MiniLmDifferentialTest {
    static final long SEED = 20251123L;
    static Path json;
    static HuggingFaceTokenizer djl;
    static Tokenizer fromJson;
    static Tokenizer fromVocab;
    static List<String> fuzz;

    @BeforeAll
    static void load() throws IOException {
        json = Djl.resourceFile("bert-tokenizer.json", ".json");
        djl = Djl.load(json);
        fromJson = Tokenizer.fromFile(json).withoutTruncation().withoutPadding();
        try (InputStream vocab = Djl.resource("bert-vocabulary-en.txt");
                InputStream cfg = TestFixtures.open("minilm/st-config/tokenizer_config.json")) {
            fromVocab = Tokenizer.fromBertVocab(vocab, "bert-vocabulary-en.txt", cfg, "tokenizer_config.json");
        }
        fuzz = FuzzCorpus.generate(SEED, 10_000);
    }

    @AfterAll
    static void close() {
        djl.close();
    }

    private static void compare(String name, Tokenizer t, List<String> texts) {
        Djl.Tally tally = new Djl.Tally(name);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            batch.add(texts.get(i));
            if (batch.size() == 512 || i == texts.size() - 1) {
                ai.djl.huggingface.tokenizers.Encoding[] ref =
                        djl.batchEncode(batch.stream().map(TextOffsets::clean).toList());
                for (int k = 0; k < batch.size(); k++) {
                    tally.check(t.encode(batch.get(k)), ref[k], batch.get(k), null);
                }
                batch.clear();
            }
        }
        assertEquals(0, tally.failed, tally.report());
        assertEquals(texts.size(), tally.compared);
    }

    @Test
    void stsbSentencesFromTokenizerJson() {
        compare("STS-B, tokenizer.json", fromJson, Djl.stsbSentences());
    }

    @Test
    void stsbSentencesFromVocabTxt() {
        compare("STS-B, vocab.txt", fromVocab, Djl.stsbSentences());
    }

    @Test
    void generatedStringsFromTokenizerJson() {
        compare("10,000 generated strings, tokenizer.json", fromJson, fuzz);
    }

    @Test
    void generatedStringsFromVocabTxt() {
        compare("10,000 generated strings, vocab.txt", fromVocab, fuzz);
    }

    @Test
    void trickyStringsMatchTheRecordedFixtureAndDjl() throws IOException {
        JsonNode ref;
        try (InputStream in = Djl.resource("dev/jembed/tokenizer/reference_bert_uncased_hf.json")) {
            ref = Json.parse(in, "reference_bert_uncased_hf.json");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode e : ref.get("encodings").asList()) {
            String text = e.getString("text");
            texts.add(text);
            for (Tokenizer t : List.of(fromJson, fromVocab)) {
                Encoding enc = t.encode(text);
                assertArrayEquals(ints(e.get("ids")), enc.ids(), text);
                assertArrayEquals(ints(e.get("type_ids")), enc.typeIds(), text);
                assertArrayEquals(ints(e.get("special_tokens_mask")), enc.specialTokensMask(), text);
                List<JsonNode> offsets = e.get("offsets").asList();
                int[][] cp = enc.codePointOffsets(text, null);
                for (int i = 0; i < offsets.size(); i++) {
                    int[] o = ints(offsets.get(i));
                    int[] mine = enc.sequenceIds()[i] < 0 ? new int[] {-1, -1} : new int[] {cp[0][i], cp[1][i]};
                    assertArrayEquals(o, mine, text + " token " + i);
                }
                assertEquals(e.getString("decoded"), t.decode(enc.ids(), true), text);
            }
        }
        compare("tricky strings", fromJson, texts);
        JsonNode pair = ref.get("pair");
        Encoding p = fromJson.encodePair(pair.getString("text_a"), pair.getString("text_b"));
        assertArrayEquals(ints(pair.get("ids")), p.ids());
        assertArrayEquals(ints(pair.get("type_ids")), p.typeIds());
    }

    static int[] ints(JsonNode n) throws IOException {
        List<JsonNode> l = n.asList();
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) l.get(i).asLong();
        }
        return out;
    }

    @Test
    void stsbPairsWithAndWithoutSpecialTokens() {
        Djl.Tally tally = new Djl.Tally("STS-B pairs");
        for (String[] p : Djl.stsbPairs()) {
            tally.check(fromJson.encodePair(p[0], p[1]), djl.encode(p[0], p[1]), p[0], p[1]);
            tally.check(fromVocab.encodePair(p[0], p[1]), djl.encode(p[0], p[1]), p[0], p[1]);
            tally.check(fromJson.encodePair(p[0], p[1], false), djl.encode(p[0], p[1], false, false), p[0], p[1]);
        }
        assertEquals(0, tally.failed, tally.report());
    }

    @Test
    void generatedPairs() {
        Djl.Tally tally = new Djl.Tally("generated pairs");
        for (int i = 0; i + 1 < 2000; i += 2) {
            String a = fuzz.get(i);
            String b = fuzz.get(i + 1);
            tally.check(fromJson.encodePair(a, b), djl.encode(TextOffsets.clean(a), TextOffsets.clean(b)), a, b);
        }
        assertEquals(0, tally.failed, tally.report());
    }

    @Test
    void truncationStrategiesOnPairsAndSingles() {
        Djl.Tally tally = new Djl.Tally("truncation");
        List<String[]> pairs = Djl.stsbPairs().subList(0, 300);
        for (TruncationStrategy s : TruncationStrategy.values()) {
            for (int max : new int[] {5, 9, 16, 33}) {
                try (HuggingFaceTokenizer ref =
                        Djl.load(json, "truncation", s.name(), "maxLength", Integer.toString(max))) {
                    Tokenizer t = fromJson.withTruncation(max, s);
                    for (String[] p : pairs) {
                        String why = null;
                        ai.djl.huggingface.tokenizers.Encoding d = null;
                        RuntimeException djlError = null;
                        try {
                            d = ref.encode(p[0], p[1]);
                        } catch (RuntimeException e) {
                            djlError = e;
                        }
                        try {
                            Encoding e = t.encodePair(p[0], p[1]);
                            if (djlError != null) {
                                why = "DJL failed (" + djlError.getMessage() + ") but jembed encoded " + e;
                            } else {
                                tally.check(e, d, p[0], p[1]);
                            }
                        } catch (TokenizationException e) {
                            if (djlError == null) {
                                why = "jembed failed (" + e.getMessage() + ") but DJL encoded";
                            }
                        }
                        if (why != null) {
                            tally.fail(s + " max " + max + ": " + why);
                        }
                        if (s != TruncationStrategy.ONLY_SECOND) {
                            tally.check(t.encode(p[0]), ref.encode(p[0]), p[0], null);
                        }
                    }
                }
            }
        }
        assertEquals(0, tally.failed, tally.report());
    }

    @Test
    void paddingToLongestAndToFixedLength() {
        Djl.Tally tally = new Djl.Tally("padding");
        List<String> texts = Djl.stsbSentences().subList(0, 320);
        try (HuggingFaceTokenizer longest = Djl.load(json, "padding", "true");
                HuggingFaceTokenizer fixed =
                        Djl.load(json, "padding", "max_length", "truncation", "true", "maxLength", "40")) {
            Tokenizer toLongest = fromJson.withPadding(Padding.toLongest(0, "[PAD]"));
            Tokenizer toFixed = fromJson.withTruncation(40, TruncationStrategy.LONGEST_FIRST)
                    .withPadding(Padding.toLength(40, 0, "[PAD]"));
            for (int i = 0; i < texts.size(); i += 32) {
                List<String> batch = texts.subList(i, Math.min(texts.size(), i + 32));
                ai.djl.huggingface.tokenizers.Encoding[] a = longest.batchEncode(batch);
                ai.djl.huggingface.tokenizers.Encoding[] b = fixed.batchEncode(batch);
                List<Encoding> ja = toLongest.encodeBatch(batch);
                List<Encoding> jb = toFixed.encodeBatch(batch);
                for (int k = 0; k < batch.size(); k++) {
                    tally.check(ja.get(k), a[k], batch.get(k), null);
                    tally.check(jb.get(k), b[k], batch.get(k), null);
                }
            }
        }
        assertEquals(0, tally.failed, tally.report());
    }

    @Test
    void decodeMatches() {
        Djl.Tally tally = new Djl.Tally("decode");
        List<String> texts = new ArrayList<>(Djl.stsbSentences().subList(0, 500));
        texts.addAll(fuzz.subList(0, 1500));
        for (String s : texts) {
            int[] ids = fromJson.encode(s).ids();
            long[] lids = Arrays.stream(ids).asLongStream().toArray();
            for (boolean skip : new boolean[] {true, false}) {
                tally.compared++;
                String mine = fromJson.decode(ids, skip);
                String ref = djl.decode(lids, skip);
                if (!mine.equals(ref)) {
                    tally.fail("decode(skip=" + skip + ") '" + Djl.show(mine) + "' vs DJL '" + Djl.show(ref) + "'");
                }
            }
        }
        assertEquals(0, tally.failed, tally.report());
    }

    /**
     * Every code point of planes 0 and 1 (where all of {@code UnicodeVersions}' entries lie), in
     * and around words, proves HF's Unicode tables for BERT's cleanup, punctuation, accent
     * stripping, NFD and lowercasing.
     */
    @Test
    void everyCodePointOfPlanesZeroAndOne() {
        List<String> texts = new ArrayList<>();
        for (int cp = 0; cp <= 0x1FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            texts.add("a" + c + "b " + c + "\u0345" + c + "A" + c);
        }
        compare("planes 0 and 1", fromJson, texts);
    }

    @Test
    void defaultsComeFromTheTokenizerJson() throws IOException {
        Tokenizer t = Tokenizer.fromFile(json);
        assertEquals(new Truncation(128, TruncationStrategy.LONGEST_FIRST, false), t.truncation());
        assertEquals(Padding.toLength(128, 0, "[PAD]"), t.padding());
        assertEquals(128, t.encode("hello").length());
        assertEquals(30522, t.vocabSize());
        assertEquals(101, t.tokenToId("[CLS]"));
        assertEquals("[SEP]", t.idToToken(102));
        assertEquals(-1, t.tokenToId("not-a-token"));
    }
}
