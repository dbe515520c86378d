package dev.jembed.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jembed.tokenizer.json.Json;
import dev.jembed.tokenizer.json.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every tokenizer.json component jembed implements, combined into tokenizers that no released
 * model uses, against Hugging Face tokenizers (DJL): the normalizers, pre-tokenizers, BPE options,
 * added-token options, post-processors and decoders, on STS-B and 2,000 generated strings, singles
 * and pairs, plus decode.
 */
class ComponentsDifferentialTest {
    static JsonNode bert;
    static JsonNode gpt2;
    static List<String> texts;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Djl.resource("bert-tokenizer.json")) {
            bert = Json.parse(in, "bert-tokenizer.json");
        }
        try (InputStream in = Djl.resource("dev/jembed/tokenizer/gpt2/tokenizer.json")) {
            gpt2 = Json.parse(in, "gpt2/tokenizer.json");
        }
        texts = new ArrayList<>(Djl.stsbSentences().subList(0, 1000));
        texts.addAll(FuzzCorpus.generate(MiniLmDifferentialTest.SEED + 2, 2000));
        texts.addAll(List.of(
                "",
                " ",
                "hello",
                "Hello [MASK] world",
                "hello-world--and  more",
                "thinking the bigger",
                "a<mask>b <mask> c",
                "x [MASK]y",
                "hello, hellos",
                "  leading",
                "trailing  ",
                "ｈｅｌｌｏ ＡＢＣ１２３",
                "é é ﬁ ǅ ⅻ ¼",
                "the-final--countdown",
                "2024-01-01 12:30",
                "\u2581already\u2581marked"));
    }

    private static final String BERT_ADDED =
            "[{\"id\":0,\"content\":\"[PAD]\",\"special\":true,\"normalized\":false,\"single_word\":false,\"lstrip\":false,\"rstrip\":false},"
                    + "{\"id\":100,\"content\":\"[UNK]\",\"special\":true,\"normalized\":false,\"single_word\":false,\"lstrip\":false,\"rstrip\":false},"
                    + "{\"id\":101,\"content\":\"[CLS]\",\"special\":true,\"normalized\":false,\"single_word\":false,\"lstrip\":false,\"rstrip\":false},"
                    + "{\"id\":102,\"content\":\"[SEP]\",\"special\":true,\"normalized\":false,\"single_word\":false,\"lstrip\":false,\"rstrip\":false},"
                    + "{\"id\":103,\"content\":\"[MASK]\",\"special\":true,\"normalized\":false,\"lstrip\":true,\"rstrip\":true,\"single_word\":false},"
                    + "{\"id\":7592,\"content\":\"hello\",\"special\":false,\"normalized\":true,\"single_word\":true,\"lstrip\":false,\"rstrip\":false},"
                    + "{\"id\":13749,\"content\":\"ing\",\"special\":false,\"normalized\":true,\"single_word\":false,\"lstrip\":false,\"rstrip\":false}]";

    /** Configurations: the tokenizer.json sections replaced on the MiniLM or GPT-2 base. */
    static Map<String, Object[]> configs() {
        Map<String, Object[]> c = new LinkedHashMap<>();
        c.put("wordpiece-nfd-strip-replace", new Object[] {
            "bert",
            Map.of(
                    "normalizer",
                    "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFD\"},{\"type\":\"StripAccents\"},"
                            + "{\"type\":\"Lowercase\"},{\"type\":\"Replace\",\"pattern\":{\"String\":\"``\"},\"content\":\"\\\"\"},"
                            + "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"\\\\s+\"},\"content\":\" \"},"
                            + "{\"type\":\"Strip\",\"strip_left\":true,\"strip_right\":true}]}",
                    "pre_tokenizer",
                    "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"WhitespaceSplit\"},"
                            + "{\"type\":\"Punctuation\",\"behavior\":\"Contiguous\"},{\"type\":\"Digits\",\"individual_digits\":true}]}",
                    "post_processor",
                    "{\"type\":\"BertProcessing\",\"sep\":[\"[SEP]\",102],\"cls\":[\"[CLS]\",101]}",
                    "added_tokens",
                    BERT_ADDED)
        });
        c.put("wordpiece-nfkc-metaspace-template", new Object[] {
            "bert",
            Map.of(
                    "normalizer",
                            "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKC\"},{\"type\":\"Lowercase\"},"
                                    + "{\"type\":\"Prepend\",\"prepend\":\"\u2581\"}]}",
                    "pre_tokenizer",
                            "{\"type\":\"Metaspace\",\"replacement\":\"\u2581\",\"prepend_scheme\":\"first\",\"split\":true}",
                    "post_processor",
                            "{\"type\":\"TemplateProcessing\",\"single\":[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},"
                                    + "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}}],"
                                    + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}},"
                                    + "{\"Sequence\":{\"id\":\"B\",\"type_id\":1}},{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":1}}],"
                                    + "\"special_tokens\":{\"[CLS]\":{\"id\":\"[CLS]\",\"ids\":[101,1],\"tokens\":[\"[CLS]\",\"[unused0]\"]},"
                                    + "\"[SEP]\":{\"id\":\"[SEP]\",\"ids\":[102],\"tokens\":[\"[SEP]\"]}}}",
                    "decoder",
                            "{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"Replace\",\"pattern\":{\"String\":\"\u2581\"},\"content\":\" \"},"
                                    + "{\"type\":\"Fuse\"},{\"type\":\"Strip\",\"content\":\" \",\"start\":1,\"stop\":0}]}",
                    "added_tokens", BERT_ADDED)
        });
        c.put("wordpiece-nfc-split-whitespace", new Object[] {
            "bert",
            Map.of(
                    "normalizer",
                    "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFC\"},{\"type\":\"Lowercase\"}]}",
                    "pre_tokenizer",
                    "{\"type\":\"Sequence\",\"pretokenizers\":["
                            + "{\"type\":\"Split\",\"pattern\":{\"String\":\"-\"},\"behavior\":\"MergedWithNext\",\"invert\":false},"
                            + "{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\p{N}{1,3}\"},\"behavior\":\"Isolated\",\"invert\":false},"
                            + "{\"type\":\"Split\",\"pattern\":{\"String\":\",\"},\"behavior\":\"MergedWithPrevious\",\"invert\":false},"
                            + "{\"type\":\"Whitespace\"}]}")
        });
        c.put("bytelevel-nfkd-template", new Object[] {
            "gpt2",
            Map.of(
                    "normalizer", "{\"type\":\"NFKD\"}",
                    "pre_tokenizer",
                            "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":"
                                    + "\"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|\\\\p{N}{1,3}| ?[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"},"
                                    + "\"behavior\":\"Isolated\",\"invert\":false},"
                                    + "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":false}]}",
                    "post_processor",
                            "{\"type\":\"Sequence\",\"processors\":[{\"type\":\"ByteLevel\",\"add_prefix_space\":true,"
                                    + "\"trim_offsets\":true},{\"type\":\"TemplateProcessing\",\"single\":[{\"SpecialToken\":{\"id\":\"<|endoftext|>\",\"type_id\":0}},"
                                    + "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}],\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                                    + "{\"SpecialToken\":{\"id\":\"<|endoftext|>\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],\"special_tokens\":{\"<|endoftext|>\":{\"id\":\"<|endoftext|>\","
                                    + "\"ids\":[50256],\"tokens\":[\"<|endoftext|>\"]}}}]}")
        });
        c.put("bpe-prefix-unk-fuse", new Object[] {"synthetic-prefix", Map.of()});
        c.put("bpe-suffix-ignoremerges", new Object[] {"synthetic-suffix", Map.of()});
        c.put("bpe-bytefallback", new Object[] {"synthetic-bytefallback", Map.of()});
        return c;
    }

    /** A small BPE with a continuing-subword prefix, an unknown token and fused unknowns. */
    static String prefixBpe() {
        StringBuilder vocab = new StringBuilder("{\"<unk>\":0");
        int id = 1;
        List<String> tokens = new ArrayList<>();
        for (char ch = 'a'; ch <= 'z'; ch++) {
            tokens.add(String.valueOf(ch));
            tokens.add("##" + ch);
        }
        String[][] merges = {
            {"t", "##h"},
            {"##h", "##e"},
            {"th", "##e"},
            {"i", "##n"},
            {"##i", "##n"},
            {"##in", "##g"},
            {"a", "##n"},
            {"##a", "##n"},
            {"##e", "##r"},
            {"o", "##n"},
            {"##o", "##n"},
            {"in", "##g"}
        };
        for (String[] m : merges) {
            tokens.add(m[0] + m[1].substring(2));
        }
        for (String t : tokens) {
            if (!vocab.toString().contains("\"" + t + "\":")) {
                vocab.append(",\"").append(t).append("\":").append(id++);
            }
        }
        vocab.append('}');
        StringBuilder ms = new StringBuilder("[");
        for (String[] m : merges) {
            ms.append(ms.length() > 1 ? "," : "")
                    .append("\"")
                    .append(m[0])
                    .append(' ')
                    .append(m[1])
                    .append('"');
        }
        ms.append(']');
        return "{\"version\":\"1.0\",\"added_tokens\":[{\"id\":0,\"content\":\"<unk>\",\"special\":true,\"normalized\":false,\"single_word\":false,\"lstrip\":false,\"rstrip\":false}],"
                + "\"normalizer\":{\"type\":\"Lowercase\"},\"pre_tokenizer\":{\"type\":\"Whitespace\"},\"post_processor\":null,"
                + "\"decoder\":{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":false},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":\"##\","
                + "\"end_of_word_suffix\":null,\"fuse_unk\":true,\"byte_fallback\":false,\"vocab\":" + vocab
                + ",\"merges\":" + ms + "}}";
    }

    /**
     * A small BPE with either an end-of-word suffix and ignore_merges, or byte fallback (HF's
     * offsets for byte-fallback pieces of a suffix or prefix point past the word; that
     * combination is not covered).
     */
    static String suffixBpe(boolean byteFallback) {
        String sfx = byteFallback ? "" : "</w>";
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        for (char ch = 'a'; ch <= 'z'; ch++) {
            tokens.add(String.valueOf(ch));
            tokens.add(ch + sfx);
        }
        String[][] merges = {
            {"t", "h"},
            {"th", "e</w>"},
            {"i", "n"},
            {"in", "g</w>"},
            {"e", "r</w>"},
            {"a", "n"},
            {"an", "d</w>"},
            {"h", "e"},
            {"he", "l"},
            {"hel", "l"},
            {"hell", "o</w>"}
        };
        if (byteFallback) {
            for (String[] m : merges) {
                m[1] = m[1].replace("</w>", "");
            }
        }
        for (String[] m : merges) {
            tokens.add(m[0] + m[1]);
        }
        tokens.add("<unk>");
        tokens.add("world");
        tokens.add("hello");
        StringBuilder vocab = new StringBuilder("{");
        int id = 0;
        for (String t : tokens) {
            if (!vocab.toString().contains("\"" + t + "\":")) {
                vocab.append(id > 0 ? "," : "")
                        .append('"')
                        .append(t)
                        .append("\":")
                        .append(id++);
            }
        }
        vocab.append('}');
        StringBuilder ms = new StringBuilder("[");
        for (String[] m : merges) {
            ms.append(ms.length() > 1 ? "," : "")
                    .append("[\"")
                    .append(m[0])
                    .append("\",\"")
                    .append(m[1])
                    .append("\"]");
        }
        ms.append(']');
        return "{\"version\":\"1.0\",\"added_tokens\":[],\"normalizer\":{\"type\":\"NFC\"},"
                + "\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},\"post_processor\":null,"
                + "\"decoder\":{\"type\":\"Sequence\",\"decoders\":[{\"type\":\"ByteFallback\"},{\"type\":\"BPEDecoder\",\"suffix\":\"</w>\"},{\"type\":\"Fuse\"}]},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"<unk>\",\"continuing_subword_prefix\":null,"
                + "\"end_of_word_suffix\":" + (byteFallback ? "null" : "\"</w>\"")
                + ",\"fuse_unk\":false,\"byte_fallback\":"
                + byteFallback + ",\"ignore_merges\":true,"
                + "\"vocab\":" + vocab + ",\"merges\":" + ms + "}}";
    }

    static Path write(String name) throws IOException {
        Object[] cfg = configs().get(name);
        String json;
        if (cfg[0].equals("synthetic-prefix")) {
            json = prefixBpe();
        } else if (cfg[0].equals("synthetic-suffix")) {
            json = suffixBpe(false);
        } else if (cfg[0].equals("synthetic-bytefallback")) {
            json = suffixBpe(true);
        } else {
            @SuppressWarnings("unchecked")
            Map<String, String> overrides = (Map<String, String>) cfg[1];
            json = rewrite(cfg[0].equals("bert") ? bert : gpt2, overrides);
        }
        Path p = Files.createTempFile("jembed-" + name, ".json");
        p.toFile().deleteOnExit();
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }

    /** The base tokenizer.json with some top-level sections replaced; truncation and padding dropped. */
    static String rewrite(JsonNode base, Map<String, String> overrides) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : base.asMap().entrySet()) {
                g.writeFieldName(e.getKey());
                if (overrides.containsKey(e.getKey())) {
                    g.writeRawValue(overrides.get(e.getKey()));
                } else if (e.getKey().equals("truncation") || e.getKey().equals("padding")) {
                    g.writeNull();
                } else {
                    writeValue(g, e.getValue());
                }
            }
            for (Map.Entry<String, String> o : overrides.entrySet()) {
                if (!base.has(o.getKey())) {
                    g.writeFieldName(o.getKey());
                    g.writeRawValue(o.getValue());
                }
            }
            g.writeEndObject();
        }
        return sw.toString();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "wordpiece-nfd-strip-replace",
                "wordpiece-nfkc-metaspace-template",
                "wordpiece-nfc-split-whitespace",
                "bytelevel-nfkd-template",
                "bpe-prefix-unk-fuse",
                "bpe-suffix-ignoremerges",
                "bpe-bytefallback"
            })
    void matchesHuggingFace(String name) throws IOException {
        Path json = write(name);
        Tokenizer t = Tokenizer.fromFile(json);
        Djl.Tally tally = new Djl.Tally(name);
        try (HuggingFaceTokenizer ref = Djl.load(json)) {
            for (int i = 0; i < texts.size(); i += 512) {
                List<String> batch = texts.subList(i, Math.min(texts.size(), i + 512));
                ai.djl.huggingface.tokenizers.Encoding[] d =
                        ref.batchEncode(batch.stream().map(TextOffsets::clean).toList());
                for (int k = 0; k < batch.size(); k++) {
                    tally.check(t.encode(batch.get(k)), d[k], batch.get(k), null);
                }
            }
            for (int i = 0; i + 1 < 600; i += 2) {
                String a = texts.get(i * 5 % texts.size());
                String b = texts.get((i * 7 + 1) % texts.size());
                tally.check(t.encodePair(a, b), ref.encode(TextOffsets.clean(a), TextOffsets.clean(b)), a, b);
            }
            for (String s : texts.subList(0, 1500)) {
                int[] ids = t.encode(s).ids();
                String mine = t.decode(ids, true);
                String theirs = ref.decode(Arrays.stream(ids).asLongStream().toArray(), true);
                tally.compared++;
                if (!mine.equals(theirs)) {
                    tally.fail("decode '" + Djl.show(mine) + "' vs DJL '" + Djl.show(theirs) + "'");
                }
            }
        }
        assertEquals(0, tally.failed, tally.report());
    }
}
