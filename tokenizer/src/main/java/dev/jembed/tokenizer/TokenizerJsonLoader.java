package dev.jembed.tokenizer;

import dev.jembed.tokenizer.decoder.Decoder;
import dev.jembed.tokenizer.json.Json;
import dev.jembed.tokenizer.json.JsonNode;
import dev.jembed.tokenizer.model.Bpe;
import dev.jembed.tokenizer.model.Model;
import dev.jembed.tokenizer.model.Vocab;
import dev.jembed.tokenizer.model.WordLevel;
import dev.jembed.tokenizer.model.WordPiece;
import dev.jembed.tokenizer.normalizer.BertNormalizer;
import dev.jembed.tokenizer.normalizer.Lowercase;
import dev.jembed.tokenizer.normalizer.Normalizer;
import dev.jembed.tokenizer.normalizer.NormalizerSequence;
import dev.jembed.tokenizer.normalizer.Prepend;
import dev.jembed.tokenizer.normalizer.Replace;
import dev.jembed.tokenizer.normalizer.Strip;
import dev.jembed.tokenizer.normalizer.StripAccents;
import dev.jembed.tokenizer.normalizer.UnicodeNormalizer;
import dev.jembed.tokenizer.pretokenizer.BertPreTokenizer;
import dev.jembed.tokenizer.pretokenizer.ByteLevel;
import dev.jembed.tokenizer.pretokenizer.CharSplit;
import dev.jembed.tokenizer.pretokenizer.Metaspace;
import dev.jembed.tokenizer.pretokenizer.PreTokenizer;
import dev.jembed.tokenizer.pretokenizer.PreTokenizerSequence;
import dev.jembed.tokenizer.pretokenizer.RegexSplit;
import dev.jembed.tokenizer.pretokenizer.Whitespace;
import dev.jembed.tokenizer.processor.PostProcessor;
import dev.jembed.tokenizer.text.Pattern;
import dev.jembed.tokenizer.text.RegexPattern;
import dev.jembed.tokenizer.text.SplitBehavior;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/** Builds a {@link Tokenizer} from the sections of a Hugging Face {@code tokenizer.json}. */
final class TokenizerJsonLoader {
    private TokenizerJsonLoader() {}

    static Tokenizer load(InputStream in, String source) throws IOException {
        JsonNode root = Json.parse(in, source);
        root.asMap();
        JsonNode version = root.opt("version");
        if (version != null && !version.asString().equals("1.0")) {
            throw version.error("unknown tokenizer.json version '" + version.asString() + "' (expected 1.0)");
        }
        Normalizer normalizer = normalizer(root.opt("normalizer"));
        PreTokenizer preTokenizer = preTokenizer(root.opt("pre_tokenizer"));
        Model model = model(root.get("model"));
        PostProcessor post = ProcessorJsonLoader.postProcessor(root.opt("post_processor"));
        Decoder decoder = ProcessorJsonLoader.decoder(root.opt("decoder"));
        AddedVocabulary added = new AddedVocabulary();
        JsonNode addedTokens = root.opt("added_tokens");
        if (addedTokens != null) {
            List<AddedToken> tokens = new ArrayList<>();
            for (JsonNode t : addedTokens.asList()) {
                t.get("id").asIndex();
                // HF requires every field but special
                tokens.add(new AddedToken(
                        t.getString("content"),
                        t.get("single_word").asBoolean(),
                        t.get("lstrip").asBoolean(),
                        t.get("rstrip").asBoolean(),
                        t.get("normalized").asBoolean(),
                        t.optBoolean("special", false)));
            }
            added.add(tokens, model, normalizer);
        }
        Truncation truncation = ProcessorJsonLoader.truncation(root.opt("truncation"));
        Padding padding = ProcessorJsonLoader.padding(root.opt("padding"));
        return new Tokenizer(new Pipeline(normalizer, preTokenizer, model, post, decoder, added), truncation, padding);
    }

    // ------------------------------------------------------------------ normalizers

    static Normalizer normalizer(JsonNode n) throws IOException {
        if (n == null) {
            return null;
        }
        String type = n.getString("type");
        return switch (type) {
            case "BertNormalizer" -> {
                JsonNode sa = n.opt("strip_accents");
                yield new BertNormalizer(
                        n.optBoolean("clean_text", true),
                        n.optBoolean("handle_chinese_chars", true),
                        sa == null ? null : sa.asBoolean(),
                        n.optBoolean("lowercase", true));
            }
            case "Lowercase" -> new Lowercase();
            case "NFC" -> new UnicodeNormalizer(UnicodeNormalizer.Form.NFC);
            case "NFD" -> new UnicodeNormalizer(UnicodeNormalizer.Form.NFD);
            case "NFKC" -> new UnicodeNormalizer(UnicodeNormalizer.Form.NFKC);
            case "NFKD" -> new UnicodeNormalizer(UnicodeNormalizer.Form.NFKD);
            case "StripAccents" -> new StripAccents();
            case "Strip" -> new Strip(n.optBoolean("strip_left", true), n.optBoolean("strip_right", true));
            case "Replace" -> new Replace(pattern(n.get("pattern")), n.getString("content"));
            case "Prepend" -> new Prepend(n.getString("prepend"));
            case "Sequence" -> new NormalizerSequence(parts(n, "normalizers", TokenizerJsonLoader::normalizer));
            default -> throw new UnsupportedComponentException(n.source(), n.path(), "normalizer", type);
        };
    }

    /** Reads one component (a normalizer, a decoder, ...) of a tokenizer.json. */
    @FunctionalInterface
    interface ComponentReader<T> {
        T read(JsonNode n) throws IOException;
    }

    /** The components in the array {@code field} of a {@code Sequence} component, each read by {@code read}. */
    static <T> List<T> parts(JsonNode n, String field, ComponentReader<T> read) throws IOException {
        List<T> out = new ArrayList<>();
        for (JsonNode c : n.get(field).asList()) {
            out.add(read.read(c));
        }
        return out;
    }

    static Pattern pattern(JsonNode p) throws IOException {
        JsonNode s = p.opt("String");
        if (s != null) {
            return Pattern.literal(s.asString());
        }
        JsonNode r = p.opt("Regex");
        if (r != null) {
            try {
                return new RegexPattern(r.asString());
            } catch (PatternSyntaxException e) {
                throw r.error("regular expression not understood: " + e.getDescription());
            }
        }
        throw p.error("expected a pattern {\"String\": ...} or {\"Regex\": ...}");
    }

    // ------------------------------------------------------------------ pre-tokenizers

    static PreTokenizer preTokenizer(JsonNode n) throws IOException {
        if (n == null) {
            return null;
        }
        String type = n.getString("type");
        return switch (type) {
            case "BertPreTokenizer" -> new BertPreTokenizer();
            case "ByteLevel" -> new ByteLevel(n.optBoolean("add_prefix_space", true), n.optBoolean("use_regex", true));
            case "Whitespace" -> new Whitespace();
            case "WhitespaceSplit" -> CharSplit.whitespaceSplit();
            case "Punctuation" -> CharSplit.punctuation(behavior(n, "Isolated"));
            case "Digits" -> CharSplit.digits(n.optBoolean("individual_digits", false));
            case "Split" -> new RegexSplit(pattern(n.get("pattern")), behavior(n, null), n.optBoolean("invert", false));
            case "Metaspace" -> new Metaspace(replacement(n), prependScheme(n), n.optBoolean("split", true));
            case "Sequence" -> new PreTokenizerSequence(parts(n, "pretokenizers", TokenizerJsonLoader::preTokenizer));
            default -> throw new UnsupportedComponentException(n.source(), n.path(), "pre_tokenizer", type);
        };
    }

    private static SplitBehavior behavior(JsonNode n, String dflt) throws IOException {
        String b = dflt == null ? n.getString("behavior") : n.optString("behavior", dflt);
        SplitBehavior sb = SplitBehavior.fromJson(b);
        if (sb == null) {
            throw n.get("behavior").error("unknown split behavior '" + b + "'");
        }
        return sb;
    }

    static int replacement(JsonNode n) throws IOException {
        String r = n.optString("replacement", "\u2581");
        if (r.codePointCount(0, r.length()) != 1) {
            throw n.get("replacement").error("replacement must be one character");
        }
        return r.codePointAt(0);
    }

    static Metaspace.PrependScheme prependScheme(JsonNode n) throws IOException {
        JsonNode ps = n.opt("prepend_scheme");
        if (ps != null) {
            return switch (ps.asString()) {
                case "always" -> Metaspace.PrependScheme.ALWAYS;
                case "first" -> Metaspace.PrependScheme.FIRST;
                case "never" -> Metaspace.PrependScheme.NEVER;
                default -> throw ps.error("unknown prepend_scheme '" + ps.asString() + "'");
            };
        }
        return n.optBoolean("add_prefix_space", true) ? Metaspace.PrependScheme.ALWAYS : Metaspace.PrependScheme.NEVER;
    }

    // ------------------------------------------------------------------ models

    static Model model(JsonNode n) throws IOException {
        String type = n.optString("type", null);
        if (type == null) {
            // HF reads untyped models by shape
            if (n.has("merges")) {
                type = "BPE";
            } else if (n.has("max_input_chars_per_word") || n.has("continuing_subword_prefix")) {
                type = "WordPiece";
            } else if (n.has("vocab") && n.get("vocab").isArray()) {
                type = "Unigram";
            } else {
                type = "WordLevel";
            }
        }
        return switch (type) {
            case "WordPiece" ->
                new WordPiece(
                        vocab(n.get("vocab")),
                        n.optString("unk_token", "[UNK]"),
                        n.optString("continuing_subword_prefix", "##"),
                        n.optIndex("max_input_chars_per_word", 100));
            case "WordLevel" -> new WordLevel(vocab(n.get("vocab")), n.optString("unk_token", null));
            case "BPE" -> bpe(n);
            default -> throw new UnsupportedComponentException(n.source(), n.path(), "model", type);
        };
    }

    /** How far ids may run past the number of vocabulary entries (real vocabularies are dense). */
    static final int MAX_ID_GAP = 1 << 20;

    static Vocab vocab(JsonNode v) throws IOException {
        Map<String, Object> m = v.asMap();
        String[] tokens = new String[m.size()];
        int[] ids = new int[m.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            tokens[i] = e.getKey();
            // a node (with its JSON pointer) only for a bad id: building one per entry was a third of
            // a cold tokenizer load
            ids[i] = e.getValue() instanceof Long id && id >= 0 && id <= Integer.MAX_VALUE
                    ? (int) (long) id
                    : v.child(e.getKey(), e.getValue()).asIndex();
            // Vocab keeps an id -> token array as long as the largest id: an id far past the
            // vocabulary's size would make a few bytes of JSON cost gigabytes (or overflow the length)
            if (ids[i] >= MAX_ID_GAP + tokens.length) {
                throw v.child(e.getKey(), e.getValue())
                        .error("id " + ids[i] + " is far beyond the vocabulary's " + tokens.length
                                + " entries (at most " + MAX_ID_GAP + " unused ids are allowed)");
            }
            i++;
        }
        return new Vocab(tokens, ids);
    }

    private static Bpe bpe(JsonNode n) throws IOException {
        JsonNode dropout = n.opt("dropout");
        if (dropout != null && dropout.asDouble() != 0.0) {
            throw new UnsupportedComponentException(
                    n.source(),
                    dropout.path(),
                    "model",
                    "BPE",
                    "dropout " + dropout.asDouble() + " makes tokenization random");
        }
        Vocab vocab = vocab(n.get("vocab"));
        String prefix = n.optString("continuing_subword_prefix", null);
        List<JsonNode> merges = n.get("merges").asList();
        String[] left = new String[merges.size()];
        String[] right = new String[merges.size()];
        for (int i = 0; i < merges.size(); i++) {
            JsonNode m = merges.get(i);
            if (m.isString()) {
                String s = m.asString();
                String[] parts = s.split(" ", -1);
                if (parts.length != 2) {
                    throw m.error("a merge must be two tokens separated by one space, found \"" + s + "\"");
                }
                left[i] = parts[0];
                right[i] = parts[1];
            } else {
                List<JsonNode> pair = m.asList();
                if (pair.size() != 2) {
                    throw m.error("a merge must be a pair of tokens");
                }
                left[i] = pair.get(0).asString();
                right[i] = pair.get(1).asString();
            }
        }
        int[][] ids =
                mergeIds(vocab, left, right, prefix, (i, what) -> merges.get(i).error(what));
        return new Bpe(
                vocab,
                ids[0],
                ids[1],
                ids[2],
                n.optString("unk_token", null),
                prefix,
                n.optString("end_of_word_suffix", null),
                n.optBoolean("fuse_unk", false),
                n.optBoolean("byte_fallback", false),
                n.optBoolean("ignore_merges", false));
    }

    /** Reports a bad merge at index i. */
    interface MergeError {
        TokenizerFormatException at(int index, String reason);
    }

    /** Resolves merges to ids as HF's {@code BPE::build} (the right token loses the prefix length). */
    static int[][] mergeIds(Vocab vocab, String[] left, String[] right, String prefix, MergeError err)
            throws TokenizerFormatException {
        int n = left.length;
        int[] a = new int[n];
        int[] b = new int[n];
        int[] to = new int[n];
        int prefixLen = prefix == null ? 0 : prefix.length();
        for (int i = 0; i < n; i++) {
            a[i] = vocab.get(left[i]);
            if (a[i] < 0) {
                throw err.at(i, "merge token '" + left[i] + "' is not in the vocabulary");
            }
            b[i] = vocab.get(right[i]);
            if (b[i] < 0) {
                throw err.at(i, "merge token '" + right[i] + "' is not in the vocabulary");
            }
            if (right[i].length() < prefixLen) {
                throw err.at(i, "merge token '" + right[i] + "' is shorter than the continuing subword prefix");
            }
            String merged = left[i] + right[i].substring(prefixLen);
            to[i] = vocab.get(merged);
            if (to[i] < 0) {
                throw err.at(i, "merged token '" + merged + "' is not in the vocabulary");
            }
        }
        return new int[][] {a, b, to};
    }
}
