package dev.jembed.tokenizer;

import dev.jembed.tokenizer.decoder.ByteLevelDecoder;
import dev.jembed.tokenizer.decoder.WordPieceDecoder;
import dev.jembed.tokenizer.json.Json;
import dev.jembed.tokenizer.json.JsonNode;
import dev.jembed.tokenizer.model.Bpe;
import dev.jembed.tokenizer.model.Vocab;
import dev.jembed.tokenizer.model.WordPiece;
import dev.jembed.tokenizer.normalizer.BertNormalizer;
import dev.jembed.tokenizer.pretokenizer.BertPreTokenizer;
import dev.jembed.tokenizer.pretokenizer.ByteLevel;
import dev.jembed.tokenizer.processor.ByteLevelProcessing;
import dev.jembed.tokenizer.processor.PostProcessor;
import dev.jembed.tokenizer.processor.RobertaProcessing;
import dev.jembed.tokenizer.processor.TemplateProcessing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds tokenizers from the files that predate tokenizer.json, the way {@code transformers}
 * converts its slow tokenizers: BERT from {@code vocab.txt} + {@code tokenizer_config.json}, GPT-2
 * and RoBERTa from {@code vocab.json} + {@code merges.txt}.
 */
final class LegacyLoader {
    private LegacyLoader() {}

    static Tokenizer bertFromDirectory(Path dir) throws IOException {
        Path cfg = dir.resolve("tokenizer_config.json");
        Path map = dir.resolve("special_tokens_map.json");
        return bert(
                dir.resolve("vocab.txt"), Files.isRegularFile(cfg) ? cfg : null, Files.isRegularFile(map) ? map : null);
    }

    static Tokenizer bert(Path vocab, Path config, Path specialMap) throws IOException {
        try (InputStream v = Files.newInputStream(vocab);
                InputStream c = config == null ? null : Files.newInputStream(config);
                InputStream m = specialMap == null ? null : Files.newInputStream(specialMap)) {
            return bert(
                    v,
                    vocab.toString(),
                    c,
                    config == null ? null : config.toString(),
                    m,
                    specialMap == null ? null : specialMap.toString());
        }
    }

    /** The BERT settings of a tokenizer_config.json (absent keys take BertTokenizer's defaults). */
    private record BertConfig(
            boolean lowercase,
            Boolean stripAccents,
            boolean chinese,
            List<String> neverSplit,
            Map<String, String> specials) {}

    static Tokenizer bert(
            InputStream vocabIn,
            String vocabName,
            InputStream configIn,
            String configName,
            InputStream mapIn,
            String mapName)
            throws IOException {
        Vocab vocab = readVocabTxt(vocabIn, vocabName);
        Map<String, String> specials = new LinkedHashMap<>();
        specials.put("pad_token", "[PAD]");
        specials.put("unk_token", "[UNK]");
        specials.put("cls_token", "[CLS]");
        specials.put("sep_token", "[SEP]");
        specials.put("mask_token", "[MASK]");
        boolean lower = true;
        Boolean strip = null;
        boolean chinese = true;
        List<String> neverSplit = new ArrayList<>();
        List<AddedToken> extra = new ArrayList<>();
        if (configIn != null) {
            JsonNode cfg = Json.parse(configIn, configName);
            lower = cfg.optBoolean("do_lower_case", true);
            JsonNode sa = cfg.opt("strip_accents");
            strip = sa == null ? null : sa.asBoolean();
            chinese = cfg.optBoolean("tokenize_chinese_chars", true);
            JsonNode ns = cfg.opt("never_split");
            if (ns != null) {
                for (JsonNode t : ns.asList()) {
                    neverSplit.add(t.asString());
                }
            }
            readSpecials(cfg, specials);
            JsonNode decoderMap = cfg.opt("added_tokens_decoder");
            if (decoderMap != null) {
                for (Map.Entry<String, Object> e : decoderMap.asMap().entrySet()) {
                    JsonNode t = decoderMap.child(e.getKey(), e.getValue());
                    extra.add(new AddedToken(
                            t.getString("content"),
                            t.optBoolean("single_word", false),
                            t.optBoolean("lstrip", false),
                            t.optBoolean("rstrip", false),
                            t.optBoolean("normalized", false),
                            t.optBoolean("special", true)));
                }
            }
        }
        if (mapIn != null) {
            readSpecials(Json.parse(mapIn, mapName), specials);
        }
        String unk = specials.get("unk_token");
        String cls = specials.get("cls_token");
        String sep = specials.get("sep_token");
        int clsId = vocab.get(cls);
        int sepId = vocab.get(sep);
        if (clsId < 0 || sepId < 0) {
            throw new TokenizerFormatException(
                    vocabName, null, "the vocabulary lacks the special tokens '" + cls + "' and/or '" + sep + "'");
        }
        BertNormalizer normalizer = new BertNormalizer(true, chinese, strip, lower);
        WordPiece model = new WordPiece(vocab, unk, "##", 100);
        // not Map.of: a config may name one token as both cls and sep (then it is one entry, as in transformers)
        Map<String, TemplateProcessing.SpecialToken> st = new LinkedHashMap<>();
        st.put(cls, new TemplateProcessing.SpecialToken(cls, new int[] {clsId}, new String[] {cls}));
        st.put(sep, new TemplateProcessing.SpecialToken(sep, new int[] {sepId}, new String[] {sep}));
        TemplateProcessing post = new TemplateProcessing(
                List.of(
                        new TemplateProcessing.Piece(-1, cls, 0),
                        new TemplateProcessing.Piece(0, null, 0),
                        new TemplateProcessing.Piece(-1, sep, 0)),
                List.of(
                        new TemplateProcessing.Piece(-1, cls, 0),
                        new TemplateProcessing.Piece(0, null, 0),
                        new TemplateProcessing.Piece(-1, sep, 0),
                        new TemplateProcessing.Piece(1, null, 1),
                        new TemplateProcessing.Piece(-1, sep, 1)),
                st);
        // transformers adds the special tokens (as special, not normalized) in id order
        List<AddedToken> tokens = new ArrayList<>();
        for (String s : specials.values()) {
            if (tokens.stream().noneMatch(t -> t.content().equals(s))) {
                tokens.add(new AddedToken(s, false, false, false, false, true));
            }
        }
        tokens.addAll(extra);
        tokens.sort(Comparator.comparingInt(t -> idOr(vocab, t.content())));
        for (String w : neverSplit) {
            if (vocab.get(w) < 0) {
                throw new TokenizerFormatException(configName, "/never_split", "'" + w + "' is not in the vocabulary");
            }
            tokens.add(new AddedToken(w, true, false, false, false, false));
        }
        AddedVocabulary added = new AddedVocabulary();
        added.add(tokens, model, normalizer);
        Pipeline p =
                new Pipeline(normalizer, new BertPreTokenizer(), model, post, new WordPieceDecoder("##", true), added);
        return new Tokenizer(p, null, null);
    }

    private static int idOr(Vocab v, String s) {
        int id = v.get(s);
        return id < 0 ? Integer.MAX_VALUE : id;
    }

    private static void readSpecials(JsonNode cfg, Map<String, String> specials) throws IOException {
        for (String key :
                List.of("pad_token", "unk_token", "cls_token", "sep_token", "mask_token", "bos_token", "eos_token")) {
            JsonNode t = cfg.opt(key);
            if (t == null) {
                continue;
            }
            specials.put(key, t.isString() ? t.asString() : t.getString("content"));
        }
    }

    static Vocab readVocabTxt(InputStream in, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new TokenizerFormatException(name, null, "empty vocabulary");
        }
        int[] ids = new int[lines.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return new Vocab(lines.toArray(new String[0]), ids);
    }

    static Tokenizer bpeFromDirectory(Path dir) throws IOException {
        Path cfg = dir.resolve("tokenizer_config.json");
        return bpe(dir.resolve("vocab.json"), dir.resolve("merges.txt"), Files.isRegularFile(cfg) ? cfg : null, null);
    }

    static Tokenizer bpe(Path vocabJson, Path mergesTxt, Path config, Object unused) throws IOException {
        Vocab vocab;
        try (InputStream in = Files.newInputStream(vocabJson)) {
            vocab = TokenizerJsonLoader.vocab(Json.parse(in, vocabJson.toString()));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(mergesTxt, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new TokenizerFormatException(mergesTxt.toString(), null, "not valid UTF-8", e);
        }
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#version")) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 2) {
                throw new TokenizerFormatException(
                        mergesTxt.toString(), "line " + (i + 1), "a merge must be two tokens separated by one space");
            }
            left.add(parts[0]);
            right.add(parts[1]);
            lineNo.add(i + 1);
        }
        String source = mergesTxt.toString();
        int[][] ids = TokenizerJsonLoader.mergeIds(
                vocab,
                left.toArray(new String[0]),
                right.toArray(new String[0]),
                "",
                (i, reason) -> new TokenizerFormatException(source, "line " + lineNo.get(i), reason));
        boolean roberta = false;
        boolean addPrefixSpace = false;
        if (config != null) {
            try (InputStream in = Files.newInputStream(config)) {
                JsonNode cfg = Json.parse(in, config.toString());
                roberta = cfg.optString("tokenizer_class", "").startsWith("Roberta");
                addPrefixSpace = cfg.optBoolean("add_prefix_space", false);
            }
        }
        Bpe model = new Bpe(vocab, ids[0], ids[1], ids[2], null, "", "", false, false, false);
        List<AddedToken> added = new ArrayList<>();
        if (roberta) {
            for (String s : List.of("<s>", "<pad>", "</s>", "<unk>")) {
                added.add(new AddedToken(s, false, false, false, false, true));
            }
            added.add(new AddedToken("<mask>", false, true, false, false, true));
            int cls = vocab.get("<s>");
            int sep = vocab.get("</s>");
            if (cls < 0 || sep < 0) {
                throw new TokenizerFormatException(vocabJson.toString(), null, "RoBERTa vocabulary lacks <s> or </s>");
            }
            return byteLevel(
                    model, added, addPrefixSpace, new RobertaProcessing("</s>", sep, "<s>", cls, true, addPrefixSpace));
        }
        if (vocab.get("<|endoftext|>") >= 0) {
            added.add(new AddedToken("<|endoftext|>", false, false, false, true, true));
        }
        return byteLevel(model, added, addPrefixSpace, new ByteLevelProcessing(false, true));
    }

    /** A byte-level BPE tokenizer (GPT-2, RoBERTa) with {@code added} tokens and {@code post} processing. */
    private static Tokenizer byteLevel(Bpe model, List<AddedToken> added, boolean addPrefixSpace, PostProcessor post) {
        AddedVocabulary av = new AddedVocabulary();
        av.add(added, model, null);
        Pipeline p = new Pipeline(null, new ByteLevel(addPrefixSpace, true), model, post, new ByteLevelDecoder(), av);
        return new Tokenizer(p, null, null);
    }
}
