package dev.jembed.pooling;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.backend.Backends;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.safetensors.SafetensorsWeights;
import dev.jembed.pooling.config.SentenceTransformerConfig;
import dev.jembed.pooling.config.TransformerSpec;
import dev.jembed.pooling.hub.ResolvedModel;
import dev.jembed.tokenizer.Encoding;
import dev.jembed.tokenizer.Tokenizer;
import dev.jembed.tokenizer.Truncation;
import dev.jembed.tokenizer.TruncationStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A sentence-transformers model in Java: load it by id or folder, encode texts to the vectors
 * Python's {@code SentenceTransformer.encode} computes, compare and search them.
 *
 * <pre>{@code
 * try (SentenceTransformer model = SentenceTransformer.load("sentence-transformers/all-MiniLM-L6-v2")) {
 *     float[][] vectors = model.encode(List.of("How many people live in London?", "Around 9 Million people live in London"));
 *     float score = model.similarity(vectors[0], vectors[1]);   // cosine, as the model says
 * }
 * }</pre>
 *
 * <p>Each text goes through what sentence-transformers does: the prompt is prepended, the text is
 * stripped (and lowercased for {@code do_lower_case} models), tokenized with truncation to
 * {@code max_seq_length} tokens including special tokens (the empty string becomes
 * {@code [CLS] [SEP]}), run through the encoder, then pooled and passed through the model's Dense
 * and Normalize modules, {@code truncate_dim} and the optional extra normalization; quantization,
 * if asked for, covers the whole call.
 *
 * <p>Thread-safe: any number of threads may encode at once (their forward passes share the
 * encoder's thread pool). {@link #close()} waits for running calls, then releases the encoder and
 * unmaps the weights; later calls fail with {@link IllegalStateException}. Closing from inside a
 * call's own progress callback fails at once with {@link IllegalCallerException}.
 */
public final class SentenceTransformer implements AutoCloseable {
    private final SentenceTransformerConfig config;
    private final Tokenizer tokenizer;
    /** The same tokenizer without truncation (to count a text's tokens) and cutting at the start instead. */
    private final Tokenizer untruncated;

    private final Tokenizer truncatingLeft;
    private final Encoder encoder;
    private final SentenceHead head;
    private final SimilarityFunction similarity;
    private final int maxSeqLength;
    private final Integer truncateDim;
    private final List<String> warnings;
    private final ModelInfo info;
    private final Map<String, Integer> promptLengths = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private SentenceTransformer(
            ResolvedModel source,
            SentenceTransformerConfig config,
            Tokenizer tokenizer,
            Encoder encoder,
            SentenceHead head,
            int maxSeqLength,
            Integer truncateDim,
            EngineOptions engineOptions,
            String backend,
            List<String> warnings) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.untruncated = tokenizer.withoutTruncation();
        this.truncatingLeft =
                tokenizer.withTruncation(new Truncation(maxSeqLength, TruncationStrategy.LONGEST_FIRST, true));
        this.encoder = encoder;
        this.head = head;
        this.similarity = config.similarityFnName() == null
                ? SimilarityFunction.COSINE
                : SimilarityFunction.fromName(config.similarityFnName());
        this.maxSeqLength = maxSeqLength;
        this.truncateDim = truncateDim;
        this.warnings = List.copyOf(warnings);
        this.info = describe(source, engineOptions, backend);
    }

    /** Loads a model folder or id ({@code org/name[@revision]}) with {@link LoadOptions#defaults()}. */
    public static SentenceTransformer load(String modelIdOrPath) {
        return load(modelIdOrPath, LoadOptions.defaults());
    }

    /**
     * Loads a model folder or id: an existing folder, else {@code org/name[@revision]} (a bare
     * {@code name} means {@code sentence-transformers/name}) from the models embedded on the class
     * path, the Hugging Face cache, or the hub (downloaded into that cache unless offline).
     *
     * @throws HubException             if an id cannot be found (offline, refused, a failed download)
     * @throws ModelFileException       if the model's files are missing or malformed (a
     *                                  {@link ModelConfigException} for the sentence-transformers configs)
     * @throws IllegalArgumentException if {@code modelIdOrPath} is neither a folder nor a valid id
     */
    public static SentenceTransformer load(String modelIdOrPath, LoadOptions options) {
        return load(options.locator().resolve(modelIdOrPath), options);
    }

    /** Loads a model folder. */
    public static SentenceTransformer load(Path folder, LoadOptions options) {
        return load(new ResolvedModel(folder, ResolvedModel.Source.LOCAL, null, null), options);
    }

    private static SentenceTransformer load(ResolvedModel source, LoadOptions options) {
        SentenceTransformerConfig config = SentenceTransformerConfig.read(source.folder());
        List<String> warnings = new ArrayList<>(config.warnings());
        TransformerSpec t = config.transformer();
        SentenceHead head = SentenceHead.load(config, SafetensorsWeights::open);
        EngineOptions engine = options.threads() == 0
                ? EngineOptions.defaults()
                : EngineOptions.defaults().withThreads(options.threads());
        if (options.weights() != null) engine = engine.withWeights(options.weights());
        if (options.backend() != null) engine = engine.withBackend(options.backend());
        // resolved here, not in the engine, so that auto's fallback reaches the user as a warning
        Backends.Selection backend = Backends.select(engine.backend());
        if (backend.warning() != null) warnings.add(backend.warning());
        engine = engine.withBackend(backend.backend().name());
        String backendInfo = engine.backend() + " (" + backend.status().detail() + ")";
        Encoder encoder = Encoders.load(t.directory(), engine);
        try {
            if (encoder.hiddenSize() != t.hiddenSize()) {
                throw new ModelFileException(
                        t.directory().resolve("config.json"),
                        "hidden size " + encoder.hiddenSize() + " of the encoder differs from " + t.hiddenSize());
            }
            int maxLen = t.maxSeqLength();
            if (maxLen > encoder.maxSequenceLength()) {
                warnings.add("max_seq_length " + maxLen + " exceeds the model's " + encoder.maxSequenceLength()
                        + " positions; texts are truncated to " + encoder.maxSequenceLength() + " tokens");
                maxLen = encoder.maxSequenceLength();
            }
            Tokenizer tokenizer;
            try {
                tokenizer = Tokenizer.fromDirectory(t.directory())
                        .withoutPadding()
                        .withTruncation(maxLen, TruncationStrategy.LONGEST_FIRST);
            } catch (IOException e) {
                throw new ModelFileException(t.directory(), "cannot load the tokenizer: " + e.getMessage(), e);
            }
            return new SentenceTransformer(
                    source,
                    config,
                    tokenizer,
                    encoder,
                    head,
                    maxLen,
                    options.truncateDim(),
                    engine,
                    backendInfo,
                    warnings);
        } catch (RuntimeException | Error e) {
            encoder.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ encoding

    /** The embedding of one text with the default options. */
    public float[] encode(String text) {
        return encode(List.of(text))[0];
    }

    /** Embeddings of {@code texts}, in order, with the default options. */
    public float[][] encode(List<String> texts) {
        return encode(texts, EncodeOptions.defaults()).floats();
    }

    /** Embeddings of {@code texts}, in order; quantized when {@code options.precision()} says so. */
    public EncodeResult encode(List<String> texts, EncodeOptions options) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(options, "options");
        lifecycle.readLock().lock();
        try {
            checkOpen();
            float[][] floats = embed(texts, options, 0, texts.size());
            return Quantization.quantize(floats, options.precision(), options.ranges())
                    .withDimension(outputDimension(options));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Embeds a stream of texts larger than memory: {@code options.chunkSize()} texts at a time,
     * each chunk handed to {@code consumer} in input order. int8 / uint8 need fixed
     * {@code options.ranges()} here, since every chunk must share one scale.
     */
    public void encode(Iterator<String> texts, EncodeOptions options, EmbeddingConsumer consumer) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(consumer, "consumer");
        if ((options.precision() == Precision.INT8 || options.precision() == Precision.UINT8)
                && options.ranges() == null) {
            throw new IllegalArgumentException(options.precision().pythonName() + " streaming needs fixed ranges "
                    + "(EncodeOptions.ranges, e.g. QuantizationRanges.of(calibration embeddings))");
        }
        long first = 0;
        List<String> chunk = new ArrayList<>(options.chunkSize());
        while (texts.hasNext()) {
            chunk.add(Objects.requireNonNull(texts.next(), "the text stream contains null"));
            if (chunk.size() == options.chunkSize() || !texts.hasNext()) {
                lifecycle.readLock().lock();
                EncodeResult e;
                try {
                    checkOpen();
                    float[][] floats = embed(chunk, options, first, -1);
                    e = Quantization.quantize(floats, options.precision(), options.ranges())
                            .withDimension(outputDimension(options));
                } finally {
                    lifecycle.readLock().unlock();
                }
                consumer.accept(first, e);
                first += chunk.size();
                chunk.clear();
            }
        }
    }

    /** {@link #encode(Iterator, EncodeOptions, EmbeddingConsumer)} over a stream, which is read lazily. */
    public void encode(Stream<String> texts, EncodeOptions options, EmbeddingConsumer consumer) {
        encode(texts.iterator(), options, consumer);
    }

    /**
     * {@code text} as {@link #encode(List, EncodeOptions)} would feed it to the encoder (the options'
     * prompt or prompt name applies), with its token count before truncation. Texts longer than
     * {@link #maxSeqLength()} are cut at the end, as encode does, or at the start when
     * {@code truncateLeft} (Hugging Face's truncation direction "left").
     */
    public TokenizedText tokenize(String text, EncodeOptions options, boolean truncateLeft) {
        Objects.requireNonNull(text, "text");
        String prompt = resolvePrompt(options);
        int promptLength = prompt.isEmpty() ? 0 : promptLength(prompt);
        String s = preprocess(prompt + text);
        Encoding full = untruncated.encode(s);
        // under the limit truncation changes nothing, so the untruncated encoding is the one encode makes
        Encoding e = full.length() <= maxSeqLength ? full : (truncateLeft ? truncatingLeft : tokenizer).encode(s);
        return new TokenizedText(e.ids(), e.typeIds(), promptLength, full.length());
    }

    /**
     * Embeddings of texts already tokenized by {@link #tokenize(String, EncodeOptions, boolean)}, in
     * order; {@code options} gives normalization, truncate_dim, precision and batching (its prompt
     * settings were applied when tokenizing). Each vector is bit-identical to
     * {@code encode(List.of(text), options)} for a text not cut by truncation, whatever else is in
     * the call, since the encoder's result does not depend on the batch.
     */
    public EncodeResult encodeTokenized(List<TokenizedText> inputs, EncodeOptions options) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(options, "options");
        lifecycle.readLock().lock();
        try {
            checkOpen();
            float[][] floats = forward(inputs.toArray(TokenizedText[]::new), options, 0, inputs.size());
            return Quantization.quantize(floats, options.precision(), options.ranges())
                    .withDimension(outputDimension(options));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The float32 embeddings of {@code texts}; progress counts from {@code doneBefore} of {@code total}. */
    private float[][] embed(List<String> texts, EncodeOptions options, long doneBefore, long total) {
        String prompt = resolvePrompt(options);
        int promptLength = prompt.isEmpty() ? 0 : promptLength(prompt);
        TokenizedText[] inputs = new TokenizedText[texts.size()];
        for (int i = 0; i < inputs.length; i++) {
            String text = Objects.requireNonNull(texts.get(i), () -> "texts contains null");
            // preprocessed and tokenized only as far as truncation needs: a 50 MB line costs no more than a page
            Encoding e = tokenizer.encode(prompt + text, true, this::preprocess);
            inputs[i] = new TokenizedText(e.ids(), e.typeIds(), promptLength, Math.max(e.length(), e.ids().length));
        }
        return forward(inputs, options, doneBefore, total);
    }

    /** Runs the encoder over batches of {@code options.batchSize()} inputs and pools each one. */
    private float[][] forward(TokenizedText[] inputs, EncodeOptions options, long doneBefore, long total) {
        int truncate = outputTruncation(options);
        int n = inputs.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        // Longest first, as sentence-transformers sorts; a stable sort keeps equal lengths in input order.
        if (options.sortByLength()) Arrays.sort(order, Comparator.comparingInt((Integer i) -> -inputs[i].length()));
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += options.batchSize()) {
            int end = Math.min(n, start + options.batchSize());
            int[][] batchIds = new int[end - start][];
            int[][] batchTypes = new int[end - start][];
            for (int b = start; b < end; b++) {
                batchIds[b - start] = inputs[order[b]].ids();
                batchTypes[b - start] = inputs[order[b]].typeIds();
            }
            float[][] hidden = encoder.forward(batchIds, batchTypes);
            for (int b = start; b < end; b++) {
                TokenizedText t = inputs[order[b]];
                out[order[b]] =
                        head.embed(hidden[b - start], 0, t.length(), t.promptLength(), options.normalize(), truncate);
            }
            if (options.progress() != null) options.progress().update(doneBefore + end, total);
        }
        return out;
    }

    /** sentence-transformers' {@code Transformer.tokenize} preprocessing: strip, then lowercase if configured. */
    private String preprocess(String text) {
        String s = PythonText.strip(text);
        return config.transformer().doLowerCase() ? PythonText.lower(s) : s;
    }

    private String resolvePrompt(EncodeOptions options) {
        return config.prompt(options.prompt(), options.promptName());
    }

    /**
     * sentence-transformers' {@code _get_prompt_length}: the prompt's tokens, special tokens
     * included, minus a trailing special token (the [SEP] / {@code </s>} after the prompt alone).
     */
    private int promptLength(String prompt) {
        return promptLengths.computeIfAbsent(prompt, p -> {
            Encoding e = tokenizer.encode(preprocess(p));
            int len = e.length();
            if (len > 0 && e.specialTokensMask()[len - 1] == 1) len--;
            return len;
        });
    }

    private int outputTruncation(EncodeOptions options) {
        Integer t = options.truncateDim() != null ? options.truncateDim() : truncateDim;
        return t == null ? 0 : t;
    }

    private int outputDimension(EncodeOptions options) {
        int t = outputTruncation(options);
        return t > 0 && t < head.dimension() ? t : head.dimension();
    }

    /**
     * How many tokens the model reads for each text when encoding with {@code options}: the
     * prompt's and the text's, special tokens included, after truncation to {@link #maxSeqLength()}
     * (what embedding APIs report as input tokens). Tokenizes again; it does not run the encoder.
     */
    public int[] tokenCounts(List<String> texts, EncodeOptions options) {
        String prompt = resolvePrompt(options);
        int[] out = new int[texts.size()];
        for (int i = 0; i < out.length; i++) {
            String text = Objects.requireNonNull(texts.get(i), "texts contains null");
            out[i] = tokenizer.encode(preprocess(prompt + text)).length();
        }
        return out;
    }

    /** The token ids the model sees for each text (after strip, lowercasing and truncation; no prompt). */
    public int[][] tokenize(List<String> texts) {
        int[][] out = new int[texts.size()][];
        for (int i = 0; i < out.length; i++)
            out[i] = tokenizer.encode(texts.get(i), true, this::preprocess).ids();
        return out;
    }

    // ------------------------------------------------------------------ similarity and search

    /** The model's similarity function ({@code similarity_fn_name}, cosine when unset). */
    public SimilarityFunction similarityFunction() {
        return similarity;
    }

    /** The similarity of two embeddings by the model's function. */
    public float similarity(float[] a, float[] b) {
        return similarity.score(a, b);
    }

    /** {@code result[i][j]} = similarity of {@code a[i]} and {@code b[j]}. */
    public float[][] similarity(float[][] a, float[][] b) {
        return similarity.matrix(a, b);
    }

    /** {@code result[i]} = similarity of {@code a[i]} and {@code b[i]}. */
    public float[] similarityPairwise(float[][] a, float[][] b) {
        return similarity.pairwise(a, b);
    }

    /** The {@code topK} corpus embeddings most similar to each query, by the model's function. */
    public List<List<SearchHit>> search(float[][] queries, float[][] corpus, int topK) {
        return SemanticSearch.search(queries, corpus, topK, similarity);
    }

    // ------------------------------------------------------------------ description

    /** Size of the embeddings the model's modules produce (before truncate_dim). */
    public int dimension() {
        return head.dimension();
    }

    /** Tokens per text, special tokens included; longer texts are truncated. */
    public int maxSeqLength() {
        return maxSeqLength;
    }

    /** The tokenizer, configured as the model uses it (truncation to {@link #maxSeqLength()}, no padding). */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Notes about the model a user should see (never printed by the library). */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the model came from and everything {@code jembed info} shows. */
    public ModelInfo info() {
        return info;
    }

    private ModelInfo describe(ResolvedModel source, EngineOptions engineOptions, String backend) {
        var c = encoder.config();
        List<String> modules = config.modules().stream().map(m -> m.describe()).toList();
        int out = truncateDim != null && truncateDim < head.dimension() ? truncateDim : head.dimension();
        return new ModelInfo(
                source.describe(),
                source.id() == null ? null : source.id().repoId(),
                source.commit(),
                source.folder(),
                c.architecture().name(),
                c.hiddenSize(),
                c.numHiddenLayers(),
                c.numAttentionHeads(),
                c.vocabSize(),
                head.dimension(),
                out,
                config.pooling().modeString(),
                modules,
                head.normalizes(),
                maxSeqLength,
                config.transformer().doLowerCase(),
                similarity.pythonName(),
                config.prompts(),
                config.defaultPromptName(),
                Kernels.named(engineOptions.kernels()).name(),
                engineOptions.threads(),
                engineOptions.weights().id(),
                backend,
                warnings);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("this SentenceTransformer is closed");
    }

    /**
     * Waits for running calls, then releases the encoder and its mapped weights. Idempotent.
     *
     * @throws IllegalCallerException when called from inside an encode call on the same thread (an
     *                                {@link EncodeProgress} callback): waiting for that call would
     *                                never end; close the model after the call returns
     */
    @Override
    public void close() {
        if (lifecycle.getReadHoldCount() > 0) {
            throw new IllegalCallerException(
                    "close() called from inside an encode call on the same thread (e.g. a progress "
                            + "callback): it would wait for that call forever; close the model after encode returns");
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            encoder.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
