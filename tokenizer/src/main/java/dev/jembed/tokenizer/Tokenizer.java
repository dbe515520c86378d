package dev.jembed.tokenizer;

import dev.jembed.tokenizer.processor.RawEncoding;
import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.PreTokenizedString;
import dev.jembed.tokenizer.text.Split;
import dev.jembed.tokenizer.text.TokenList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Text to token ids, reproducing Hugging Face {@code tokenizers} (ids, type ids, masks, offsets)
 * for WordPiece (BERT, MiniLM, DistilBERT) and byte-level BPE (GPT-2, RoBERTa) tokenizers.
 *
 * <p>Load a {@code tokenizer.json} with {@link #fromFile}, a model folder with
 * {@link #fromDirectory}, or the legacy files with {@link #fromBertVocab} and
 * {@link #fromBpeVocab}. Instances are immutable and thread-safe; {@link #withTruncation} and
 * {@link #withPadding} return modified copies. Truncation and padding start as the
 * tokenizer.json's {@code truncation} and {@code padding} sections say.
 *
 * <p>Input is read as Unicode text: an unpaired surrogate is replaced by U+FFFD (what a UTF-8
 * round trip with replacement gives) before anything else, so offsets still index the input.
 */
public final class Tokenizer {
    /** Characters read per token allowed by truncation at the first try of a long text (typical text needs 4-6). */
    private static final int CHARS_PER_TOKEN = 32;
    /** Texts up to this length are always tokenized whole. */
    private static final int WHOLE = 1 << 13;

    private final Pipeline pipeline;
    private final Truncation truncation;
    private final Padding padding;
    /** Whether a long text may be tokenized by prefixes (see {@link #encode(String, boolean, UnaryOperator)}). */
    private final boolean prefixes;

    Tokenizer(Pipeline pipeline, Truncation truncation, Padding padding) {
        this(pipeline, truncation, padding, true);
    }

    private Tokenizer(Pipeline pipeline, Truncation truncation, Padding padding, boolean prefixes) {
        this.pipeline = pipeline;
        this.truncation = truncation;
        this.padding = padding;
        this.prefixes = prefixes
                && (pipeline.normalizer() == null || pipeline.normalizer().cutSafe())
                && pipeline.preTokenizer() != null
                && pipeline.preTokenizer().cutSafe()
                && pipeline.addedVocabulary().cutSafe();
    }

    /** A copy that always tokenizes texts whole: the reference the prefix shortcut is tested against. */
    Tokenizer wholeTexts() {
        return new Tokenizer(pipeline, truncation, padding, false);
    }

    // ------------------------------------------------------------------ loading

    /** Loads a Hugging Face {@code tokenizer.json}. */
    public static Tokenizer fromFile(Path tokenizerJson) throws IOException {
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return fromTokenizerJson(in, tokenizerJson.toString());
        }
    }

    /**
     * Loads a {@code tokenizer.json} from a stream.
     *
     * @param sourceName named in error messages
     */
    public static Tokenizer fromTokenizerJson(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        return TokenizerJsonLoader.load(in, sourceName);
    }

    /**
     * Loads the tokenizer of a model folder: {@code tokenizer.json} if present; else
     * {@code vocab.txt} with {@code tokenizer_config.json} (and {@code special_tokens_map.json});
     * else {@code vocab.json} with {@code merges.txt}.
     */
    public static Tokenizer fromDirectory(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return fromFile(dir.resolve("tokenizer.json"));
        }
        if (Files.isRegularFile(dir.resolve("vocab.txt"))) {
            return LegacyLoader.bertFromDirectory(dir);
        }
        if (Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt"))) {
            return LegacyLoader.bpeFromDirectory(dir);
        }
        throw new TokenizerFormatException(
                dir.toString(), null, "no tokenizer.json, vocab.txt or vocab.json + merges.txt in this folder");
    }

    /**
     * A BERT WordPiece tokenizer from {@code vocab.txt} and the settings of a
     * {@code tokenizer_config.json} ({@code do_lower_case}, {@code strip_accents},
     * {@code tokenize_chinese_chars}, {@code never_split}, special token strings), built the way
     * {@code transformers} converts a slow BertTokenizer to a fast one.
     *
     * @param tokenizerConfig may be null: BERT uncased defaults
     * @param specialTokensMap may be null
     */
    public static Tokenizer fromBertVocab(Path vocabTxt, Path tokenizerConfig, Path specialTokensMap)
            throws IOException {
        Objects.requireNonNull(vocabTxt, "vocabTxt");
        return LegacyLoader.bert(vocabTxt, tokenizerConfig, specialTokensMap);
    }

    /** As {@link #fromBertVocab(Path, Path, Path)} from streams (e.g. classpath resources). */
    public static Tokenizer fromBertVocab(
            InputStream vocabTxt, String vocabName, InputStream tokenizerConfig, String configName) throws IOException {
        Objects.requireNonNull(vocabTxt, "vocabTxt");
        return LegacyLoader.bert(vocabTxt, vocabName, tokenizerConfig, configName, null, null);
    }

    /**
     * A byte-level BPE tokenizer from {@code vocab.json} and {@code merges.txt}: GPT-2 unless
     * {@code tokenizerConfig} names {@code RobertaTokenizer} (then RoBERTa's special tokens and
     * post-processor).
     *
     * @param tokenizerConfig may be null
     */
    public static Tokenizer fromBpeVocab(Path vocabJson, Path mergesTxt, Path tokenizerConfig) throws IOException {
        Objects.requireNonNull(vocabJson, "vocabJson");
        Objects.requireNonNull(mergesTxt, "mergesTxt");
        return LegacyLoader.bpe(vocabJson, mergesTxt, tokenizerConfig, null);
    }

    // ------------------------------------------------------------------ configuration

    /** A copy that truncates to {@code maxLength} tokens, special tokens included. */
    public Tokenizer withTruncation(int maxLength, TruncationStrategy strategy) {
        return new Tokenizer(pipeline, new Truncation(maxLength, strategy, false), padding);
    }

    /** A copy with the given truncation settings. */
    public Tokenizer withTruncation(Truncation truncation) {
        return new Tokenizer(pipeline, Objects.requireNonNull(truncation, "truncation"), padding);
    }

    public Tokenizer withoutTruncation() {
        return new Tokenizer(pipeline, null, padding);
    }

    /** A copy that pads as given (see {@link Padding#toLongest} and {@link Padding#toLength}). */
    public Tokenizer withPadding(Padding padding) {
        return new Tokenizer(pipeline, truncation, Objects.requireNonNull(padding, "padding"));
    }

    public Tokenizer withoutPadding() {
        return new Tokenizer(pipeline, truncation, null);
    }

    /** The truncation in force, or null. */
    public Truncation truncation() {
        return truncation;
    }

    /** The padding in force, or null. */
    public Padding padding() {
        return padding;
    }

    // ------------------------------------------------------------------ encoding

    /** Encodes one text with special tokens. */
    public Encoding encode(String text) {
        return encode(text, true);
    }

    /** Encodes one text, with or without the post-processor's special tokens. */
    public Encoding encode(String text, boolean addSpecialTokens) {
        return encode(text, addSpecialTokens, UnaryOperator.identity());
    }

    /**
     * Encodes {@code prepare.apply(text)}, with or without the post-processor's special tokens.
     *
     * <p>With truncation on the right, a long text is not tokenized whole: memory would grow with
     * the text (hundreds of bytes per character) for tokens truncation then drops. Instead the
     * text is cut at an ASCII space that follows a letter or digit, past enough characters for the
     * tokens truncation keeps, and only that prefix is prepared and tokenized; the cut moves twice
     * as far while the prefix yields too few tokens. For the pipelines where this is done (their
     * normalizer, pre-tokenizer and added tokens never look across such a space) the tokens before
     * the cut are exactly those of the whole text, so the result is the same. {@code prepare} must
     * be as local (e.g. Python's {@code strip} and {@code lower}).
     */
    public Encoding encode(String text, boolean addSpecialTokens, UnaryOperator<String> prepare) {
        Objects.requireNonNull(text, "text");
        RawEncoding sequence = null;
        if (prefixes && truncation != null && !truncation.fromLeft() && text.length() > WHOLE) {
            int added = addSpecialTokens && pipeline.postProcessor() != null
                    ? pipeline.postProcessor().addedTokens(false)
                    : 0;
            int budget = Math.max(0, truncation.maxLength() - added);
            long reach = Math.max(WHOLE, (long) CHARS_PER_TOKEN * budget);
            while (reach < text.length()) {
                int cut = cutAfter(text, (int) reach);
                if (cut < 0) break;
                RawEncoding prefix = encodeSequence(TextOffsets.clean(prepare.apply(text.substring(0, cut))), 0);
                if (prefix.size > budget) {
                    sequence = prefix;
                    break;
                }
                reach = 2L * cut;
            }
        }
        if (sequence == null) sequence = encodeSequence(TextOffsets.clean(prepare.apply(text)), 0);
        RawEncoding e = postProcess(sequence, null, addSpecialTokens);
        padSingle(e);
        return toEncoding(e);
    }

    /** The first index at or after {@code from} holding an ASCII space that follows a letter or digit, or -1. */
    private static int cutAfter(String text, int from) {
        for (int i = Math.max(from, 1); i < text.length(); i++) {
            if (text.charAt(i) == ' ' && Character.isLetterOrDigit(text.charAt(i - 1))) return i;
        }
        return -1;
    }

    /** Encodes a pair of texts (e.g. query and passage) with special tokens. */
    public Encoding encodePair(String first, String second) {
        return encodePair(first, second, true);
    }

    public Encoding encodePair(String first, String second, boolean addSpecialTokens) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        RawEncoding e = postProcess(
                encodeSequence(TextOffsets.clean(first), 0),
                encodeSequence(TextOffsets.clean(second), 1),
                addSpecialTokens);
        padSingle(e);
        return toEncoding(e);
    }

    /** Encodes texts with special tokens, then pads them together when padding is set. */
    public List<Encoding> encodeBatch(List<String> texts) {
        return encodeBatch(texts, true);
    }

    public List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens) {
        Objects.requireNonNull(texts, "texts");
        RawEncoding[] raw = new RawEncoding[texts.size()];
        for (int i = 0; i < raw.length; i++) {
            String t = Objects.requireNonNull(texts.get(i), () -> "texts contains null");
            raw[i] = postProcess(encodeSequence(TextOffsets.clean(t), 0), null, addSpecialTokens);
            padSingle(raw[i]);
        }
        return finishBatch(raw);
    }

    /** Encodes pairs {@code (firsts[i], seconds[i])}, then pads them together when padding is set. */
    public List<Encoding> encodePairBatch(List<String> firsts, List<String> seconds) {
        Objects.requireNonNull(firsts, "firsts");
        Objects.requireNonNull(seconds, "seconds");
        if (firsts.size() != seconds.size()) {
            throw new IllegalArgumentException(
                    "firsts and seconds differ in size: " + firsts.size() + " vs " + seconds.size());
        }
        RawEncoding[] raw = new RawEncoding[firsts.size()];
        for (int i = 0; i < raw.length; i++) {
            String a = Objects.requireNonNull(firsts.get(i), () -> "firsts contains null");
            String b = Objects.requireNonNull(seconds.get(i), () -> "seconds contains null");
            raw[i] =
                    postProcess(encodeSequence(TextOffsets.clean(a), 0), encodeSequence(TextOffsets.clean(b), 1), true);
            padSingle(raw[i]);
        }
        return finishBatch(raw);
    }

    private List<Encoding> finishBatch(RawEncoding[] raw) {
        if (padding != null && raw.length > 0) {
            int longest = 0;
            for (RawEncoding e : raw) {
                longest = Math.max(longest, e.size);
            }
            int target = padding.targetLength(longest);
            for (RawEncoding e : raw) {
                e.pad(target, padding.padId(), padding.padTypeId(), padding.padToken(), padding.left());
            }
        }
        List<Encoding> out = new ArrayList<>(raw.length);
        for (RawEncoding e : raw) {
            out.add(toEncoding(e));
        }
        return out;
    }

    private RawEncoding encodeSequence(String text, int typeId) {
        PreTokenizedString pre = pipeline.addedVocabulary().extractAndNormalize(pipeline.normalizer(), text);
        if (pipeline.preTokenizer() != null) {
            pipeline.preTokenizer().preTokenize(pre);
        }
        List<Split> splits = pre.splits();
        RawEncoding out = new RawEncoding(text.length() / 3 + 8);
        if (typeId == 0) {
            out.text0 = text;
        } else {
            out.text1 = text;
        }
        TokenList scratch = new TokenList(16);
        for (Split s : splits) {
            TokenList tl = s.tokens;
            if (tl == null) {
                scratch.clear();
                pipeline.model().tokenize(s.normalized, scratch);
                tl = scratch;
            }
            NormalizedString n = s.normalized;
            int len = n.length();
            for (int k = 0; k < tl.size; k++) {
                int ts = tl.starts[k];
                int te = tl.ends[k];
                int os;
                int oe;
                if (ts < 0) {
                    // raw byte offsets that HF could not map inside the word: it reads them as
                    // byte offsets into the whole sequence
                    os = TextOffsets.unitOfByte(text, -1 - ts);
                    oe = TextOffsets.endOfByte(text, -1 - te, os);
                } else if (ts == te) {
                    os = n.originalStart() + ts;
                    oe = n.originalStart() + te;
                } else if (te > len || ts > te) {
                    os = ts;
                    oe = te;
                } else {
                    os = n.alignStart(ts);
                    oe = n.alignEnd(te - 1);
                }
                out.add(tl.ids[k], typeId, tl.values[k], os, oe, 0, 1, typeId);
            }
        }
        return out;
    }

    private RawEncoding postProcess(RawEncoding a, RawEncoding b, boolean addSpecialTokens) {
        if (truncation != null) {
            int added = pipeline.postProcessor() == null
                    ? 0
                    : pipeline.postProcessor().addedTokens(b != null);
            int max = truncation.maxLength();
            if (addSpecialTokens && added > 0) {
                if (max < added) {
                    throw new TokenizationException("truncation to " + max + " tokens cannot fit the " + added
                            + " special tokens the post-processor adds");
                }
                max -= added;
            }
            truncation.apply(a, b, max);
        }
        List<RawEncoding> list = b == null ? List.of(a) : List.of(a, b);
        if (pipeline.postProcessor() != null) {
            list = pipeline.postProcessor().process(new ArrayList<>(list), addSpecialTokens);
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        int total = 0;
        for (RawEncoding e : list) {
            total += e.size;
        }
        RawEncoding merged = new RawEncoding(total);
        for (RawEncoding e : list) {
            merged.append(e);
        }
        return merged;
    }

    private void padSingle(RawEncoding e) {
        if (padding != null) {
            e.pad(
                    padding.targetLength(e.size),
                    padding.padId(),
                    padding.padTypeId(),
                    padding.padToken(),
                    padding.left());
        }
    }

    private static Encoding toEncoding(RawEncoding e) {
        int n = e.size;
        return new Encoding(
                Arrays.copyOf(e.ids, n),
                Arrays.copyOf(e.typeIds, n),
                Arrays.copyOf(e.tokens, n),
                Arrays.copyOf(e.attention, n),
                Arrays.copyOf(e.special, n),
                Arrays.copyOf(e.starts, n),
                Arrays.copyOf(e.ends, n),
                Arrays.copyOf(e.seq, n));
    }

    // ------------------------------------------------------------------ vocabulary and decoding

    /** Id of a token (added tokens first, then the model vocabulary), or -1. */
    public int tokenToId(String token) {
        Objects.requireNonNull(token, "token");
        return pipeline.addedVocabulary().tokenToId(token, pipeline.model());
    }

    /** Token string of an id, or null. */
    public String idToToken(int id) {
        String t = pipeline.addedVocabulary().idToToken(id);
        return t != null ? t : pipeline.model().idToToken(id);
    }

    /** One more than the largest id (model vocabulary and added tokens). */
    public int vocabSize() {
        return Math.max(pipeline.model().idLimit(), pipeline.addedVocabulary().maxId() + 1);
    }

    /**
     * Turns ids back into text with the tokenizer's decoder (tokens joined by spaces when it has
     * none), as HF's {@code decode}.
     *
     * @throws TokenizationException for an id that is neither in the vocabulary nor an added token
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        Objects.requireNonNull(ids, "ids");
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            String t = idToToken(id);
            if (t == null) {
                throw new TokenizationException("decode: id " + id + " is not in the vocabulary");
            }
            if (skipSpecialTokens && pipeline.addedVocabulary().isSpecial(t)) {
                continue;
            }
            tokens.add(t);
        }
        if (pipeline.decoder() != null) {
            return pipeline.decoder().decode(tokens);
        }
        return String.join(" ", tokens);
    }
}
