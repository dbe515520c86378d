package dev.jembed.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jembed.tokenizer.json.Json;
import dev.jembed.tokenizer.json.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GPT-2 byte-level BPE (from tokenizer.json and from vocab.json + merges.txt) and a RoBERTa-style
 * tokenizer built here from the GPT-2 vocabulary, against Hugging Face tokenizers (DJL).
 */
@Tag("slow")
class ByteLevelBpeDifferentialTest {
    static final String DIR = "dev/jembed/tokenizer/";
    static Path gpt2Json;
    static Path robertaJson;
    static Path robertaPrefixJson;
    static HuggingFaceTokenizer djlGpt2;
    static HuggingFaceTokenizer djlRoberta;
    static HuggingFaceTokenizer djlRobertaPrefix;
    static Tokenizer gpt2;
    static Tokenizer gpt2Legacy;
    static Tokenizer roberta;
    static Tokenizer robertaPrefix;
    static List<String> fuzz;

    @BeforeAll
    static void load() throws IOException {
        gpt2Json = Djl.resourceFile(DIR + "gpt2/tokenizer.json", ".json");
        Path vocab = Djl.resourceFile(DIR + "gpt2/vocab.json", ".json");
        Path merges = Djl.resourceFile(DIR + "gpt2/merges.txt", ".txt");
        djlGpt2 = Djl.load(gpt2Json);
        gpt2 = Tokenizer.fromFile(gpt2Json);
        gpt2Legacy = Tokenizer.fromBpeVocab(vocab, merges, null);
        robertaJson = robertaTokenizerJson(false);
        robertaPrefixJson = robertaTokenizerJson(true);
        djlRoberta = Djl.load(robertaJson);
        djlRobertaPrefix = Djl.load(robertaPrefixJson);
        roberta = Tokenizer.fromFile(robertaJson);
        robertaPrefix = Tokenizer.fromFile(robertaPrefixJson);
        fuzz = FuzzCorpus.generate(MiniLmDifferentialTest.SEED + 1, 10_000);
    }

    @AfterAll
    static void close() {
        djlGpt2.close();
        djlRoberta.close();
        djlRobertaPrefix.close();
    }

    /**
     * RoBERTa's layout on GPT-2's BPE: {@code <s> <pad> </s> <unk>} at ids 0-3, the GPT-2 vocabulary
     * shifted by 4, {@code <mask>} last (lstrip), RobertaProcessing with offset trimming.
     */
    static Path robertaTokenizerJson(boolean addPrefixSpace) throws IOException {
        JsonNode g;
        try (InputStream in = Djl.resource(DIR + "gpt2/tokenizer.json")) {
            g = Json.parse(in, "gpt2/tokenizer.json");
        }
        Map<String, Object> vocab = g.get("model").get("vocab").asMap();
        List<JsonNode> merges = g.get("model").get("merges").asList();
        Path out = Files.createTempFile("jembed-roberta-", ".json");
        out.toFile().deleteOnExit();
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                JsonGenerator j = new JsonFactory().createGenerator(w)) {
            j.writeStartObject();
            j.writeStringField("version", "1.0");
            j.writeNullField("truncation");
            j.writeNullField("padding");
            j.writeArrayFieldStart("added_tokens");
            String[] specials = {"<s>", "<pad>", "</s>", "<unk>"};
            for (int i = 0; i < 4; i++) {
                addedToken(j, i, specials[i], false, true);
            }
            int maskId = vocab.size() + 4;
            addedToken(j, maskId, "<mask>", true, false);
            j.writeEndArray();
            j.writeNullField("normalizer");
            j.writeObjectFieldStart("pre_tokenizer");
            j.writeStringField("type", "ByteLevel");
            j.writeBooleanField("add_prefix_space", addPrefixSpace);
            j.writeBooleanField("trim_offsets", true);
            j.writeBooleanField("use_regex", true);
            j.writeEndObject();
            j.writeObjectFieldStart("post_processor");
            j.writeStringField("type", "RobertaProcessing");
            j.writeArrayFieldStart("sep");
            j.writeString("</s>");
            j.writeNumber(2);
            j.writeEndArray();
            j.writeArrayFieldStart("cls");
            j.writeString("<s>");
            j.writeNumber(0);
            j.writeEndArray();
            j.writeBooleanField("trim_offsets", true);
            j.writeBooleanField("add_prefix_space", addPrefixSpace);
            j.writeEndObject();
            j.writeObjectFieldStart("decoder");
            j.writeStringField("type", "ByteLevel");
            j.writeBooleanField("add_prefix_space", true);
            j.writeBooleanField("trim_offsets", true);
            j.writeBooleanField("use_regex", true);
            j.writeEndObject();
            j.writeObjectFieldStart("model");
            j.writeStringField("type", "BPE");
            j.writeNullField("dropout");
            j.writeNullField("unk_token");
            j.writeStringField("continuing_subword_prefix", "");
            j.writeStringField("end_of_word_suffix", "");
            j.writeBooleanField("fuse_unk", false);
            j.writeBooleanField("byte_fallback", false);
            j.writeObjectFieldStart("vocab");
            for (int i = 0; i < 4; i++) {
                j.writeNumberField(specials[i], i);
            }
            for (Map.Entry<String, Object> e : vocab.entrySet()) {
                j.writeNumberField(e.getKey(), ((Long) e.getValue()).intValue() + 4);
            }
            j.writeNumberField("<mask>", maskId);
            j.writeEndObject();
            j.writeArrayFieldStart("merges");
            for (JsonNode m : merges) {
                j.writeString(m.asString());
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeEndObject();
        }
        return out;
    }

    private static void addedToken(JsonGenerator j, int id, String content, boolean lstrip, boolean normalized)
            throws IOException {
        j.writeStartObject();
        j.writeNumberField("id", id);
        j.writeStringField("content", content);
        j.writeBooleanField("single_word", false);
        j.writeBooleanField("lstrip", lstrip);
        j.writeBooleanField("rstrip", false);
        j.writeBooleanField("normalized", normalized);
        j.writeBooleanField("special", true);
        j.writeEndObject();
    }

    private static void compare(Djl.Tally tally, Tokenizer t, HuggingFaceTokenizer ref, List<String> texts) {
        compare(new Djl.Tally[] {tally}, new Tokenizer[] {t}, ref, texts);
    }

    /** Several jembed tokenizers against one reference (encoded once). */
    private static void compare(Djl.Tally[] tallies, Tokenizer[] ts, HuggingFaceTokenizer ref, List<String> texts) {
        for (int i = 0; i < texts.size(); i += 512) {
            List<String> batch = texts.subList(i, Math.min(texts.size(), i + 512));
            ai.djl.huggingface.tokenizers.Encoding[] d =
                    ref.batchEncode(batch.stream().map(TextOffsets::clean).toList());
            for (int k = 0; k < batch.size(); k++) {
                for (int j = 0; j < ts.length; j++) {
                    tallies[j].check(ts[j].encode(batch.get(k)), d[k], batch.get(k), null);
                }
            }
        }
    }

    private static List<String> corpus() throws IOException {
        List<String> texts = new ArrayList<>(Djl.stsbSentences());
        try (InputStream in = Djl.resource(DIR + "bpe_strings.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    texts.add(Json.parse(
                                    new java.io.ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                                    "bpe_strings.jsonl")
                            .asString());
                }
            }
        }
        texts.addAll(fuzz);
        return texts;
    }

    @Test
    void gpt2FromTokenizerJsonAndFromVocabAndMerges() throws IOException {
        List<String> texts = corpus();
        Djl.Tally json = new Djl.Tally("GPT-2 tokenizer.json");
        Djl.Tally legacy = new Djl.Tally("GPT-2 vocab.json + merges.txt");
        compare(new Djl.Tally[] {json, legacy}, new Tokenizer[] {gpt2, gpt2Legacy}, djlGpt2, texts);
        assertEquals(0, json.failed, json.report());
        assertEquals(0, legacy.failed, legacy.report());
        assertEquals(texts.size(), json.compared);
    }

    @Test
    void gpt2IdsMatchTheRecordedFixture() throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = Djl.resource(DIR + "bpe_strings.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    texts.add(
                            Json.parse(new java.io.ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "jsonl")
                                    .asString());
                }
            }
        }
        List<JsonNode> ids;
        try (InputStream in = Djl.resource(DIR + "bpe_strings_ids_hf.json")) {
            ids = Json.parse(in, "bpe_strings_ids_hf.json").asList();
        }
        assertEquals(texts.size(), ids.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(
                    MiniLmDifferentialTest.ints(ids.get(i)),
                    gpt2.encode(texts.get(i)).ids(),
                    texts.get(i));
        }
    }

    @Test
    void robertaSinglesAndPairs() throws IOException {
        for (Object[] variant : new Object[][] {
            {"RoBERTa", roberta, djlRoberta}, {"RoBERTa add_prefix_space", robertaPrefix, djlRobertaPrefix}
        }) {
            Tokenizer t = (Tokenizer) variant[1];
            HuggingFaceTokenizer ref = (HuggingFaceTokenizer) variant[2];
            Djl.Tally tally = new Djl.Tally((String) variant[0]);
            // all 10,000 generated strings through the plain variant, 2,000 through the other to keep the suite short
            List<String> texts = new ArrayList<>(Djl.stsbSentences());
            texts.addAll(t == roberta ? fuzz : fuzz.subList(0, 2000));
            compare(tally, t, ref, texts);
            for (String[] p : Djl.stsbPairs()) {
                tally.check(t.encodePair(p[0], p[1]), ref.encode(p[0], p[1]), p[0], p[1]);
            }
            for (int i = 0; i + 1 < 2000; i += 2) {
                String a = fuzz.get(i);
                String b = fuzz.get(i + 1);
                tally.check(t.encodePair(a, b), ref.encode(TextOffsets.clean(a), TextOffsets.clean(b)), a, b);
                tally.check(
                        t.encodePair(a, b, false),
                        ref.encode(TextOffsets.clean(a), TextOffsets.clean(b), false, false),
                        a,
                        b);
            }
            for (String s :
                    List.of("<s>hello</s>", "a <mask> b", "a<mask>b", "  <mask>  ", "<pad><unk>", "x </s> <s> y")) {
                tally.check(t.encode(s), ref.encode(s), s, null);
            }
            assertEquals(0, tally.failed, tally.report());
        }
    }

    @Test
    void decodeMatches() {
        Djl.Tally tally = new Djl.Tally("decode");
        for (Object[] v : new Object[][] {{gpt2, djlGpt2}, {roberta, djlRoberta}}) {
            Tokenizer t = (Tokenizer) v[0];
            HuggingFaceTokenizer ref = (HuggingFaceTokenizer) v[1];
            for (String s : fuzz.subList(0, 1500)) {
                int[] ids = t.encode(s).ids();
                for (boolean skip : new boolean[] {true, false}) {
                    tally.compared++;
                    String mine = t.decode(ids, skip);
                    String theirs = ref.decode(Arrays.stream(ids).asLongStream().toArray(), skip);
                    if (!mine.equals(theirs)) {
                        tally.fail("decode '" + Djl.show(mine) + "' vs DJL '" + Djl.show(theirs) + "'");
                    }
                }
            }
        }
        assertEquals(0, tally.failed, tally.report());
    }
}
