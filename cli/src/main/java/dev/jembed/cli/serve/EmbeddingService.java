package dev.jembed.cli.serve;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import dev.jembed.pooling.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * What the embedding routes share: checks a request's inputs against the limits, admits it (or
 * answers 429), tokenizes it as {@link SentenceTransformer#encode} would, and waits for the
 * batcher's vectors.
 */
final class EmbeddingService {
    private final SentenceTransformer model;
    private final Batcher batcher;
    private final ServerConfig config;
    private final Metrics metrics;
    private final Semaphore permits;
    private final int vocabSize;
    private final boolean modelNormalizes;
    /** One shared options instance per output setting: the batcher groups inputs by identity. */
    private final Map<List<Object>, EncodeOptions> headOptions = new ConcurrentHashMap<>();

    /**
     * One embedding request, after parsing.
     *
     * @param normalize  TEI's {@code normalize}: unit-length vectors (the OpenAI route always asks for it)
     * @param dimensions keep the first n values, then renormalize when {@code normalize}; null keeps all
     * @param truncate   cut over-long inputs instead of answering 422
     */
    record Request(
            List<Input> inputs,
            boolean truncate,
            boolean truncateLeft,
            String promptName,
            boolean normalize,
            Integer dimensions) {}

    /** The vectors of a request, in input order, and the tokens the encoder ran on. */
    record Result(float[][] vectors, int tokens) {}

    EmbeddingService(SentenceTransformer model, Batcher batcher, ServerConfig config, Metrics metrics) {
        this.model = model;
        this.batcher = batcher;
        this.config = config;
        this.metrics = metrics;
        this.permits = new Semaphore(config.maxConcurrentRequests());
        this.vocabSize = Math.min(model.tokenizer().vocabSize(), model.info().vocabSize());
        this.modelNormalizes = model.info().normalized();
    }

    /** Checks the number of inputs against the empty and {@code --max-client-batch-size} limits. */
    void checkCount(int n) {
        if (n == 0) throw ApiException.empty("`inputs` cannot be empty");
        if (n > config.maxClientBatchSize()) {
            throw ApiException.tooLarge(
                    "batch size " + n + " > maximum allowed batch size " + config.maxClientBatchSize());
        }
    }

    Result embed(Request request) throws InterruptedException {
        List<Input> inputs = request.inputs();
        checkCount(inputs.size());
        EncodeOptions head = headOptions(request.normalize(), request.dimensions());
        if (!permits.tryAcquire(inputs.size())) throw ApiException.overloaded();
        metrics.inputsInFlight.addAndGet(inputs.size());
        try {
            List<TokenizedText> texts = tokenize(request);
            int tokens = 0;
            for (TokenizedText t : texts) tokens += t.length();
            try {
                return new Result(batcher.submit(texts, head).get(), tokens);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ApiException a) throw a;
                throw new IllegalStateException(
                        "embedding failed: " + e.getCause().getMessage(), e.getCause());
            }
        } finally {
            metrics.inputsInFlight.addAndGet(-inputs.size());
            permits.release(inputs.size());
        }
    }

    /** The options of the model head for TEI's {@code normalize} and {@code dimensions}. */
    private EncodeOptions headOptions(boolean normalize, Integer dimensions) {
        int full = model.dimension();
        if (dimensions != null && dimensions > full) {
            throw ApiException.invalid(
                    "`dimensions` should be at most the embedding dimension " + full + ", got " + dimensions);
        }
        Integer cut = dimensions == null || dimensions == full ? null : dimensions;
        // normalize with a Normalize module and no cut: the model's own output, exactly encode's default
        Boolean norm = !normalize ? Boolean.FALSE : cut == null && modelNormalizes ? null : Boolean.TRUE;
        return headOptions.computeIfAbsent(
                Arrays.asList(norm, cut),
                k -> EncodeOptions.defaults().withNormalize(norm).withTruncateDim(cut));
    }

    private List<TokenizedText> tokenize(Request request) {
        EncodeOptions prompt = EncodeOptions.defaults().withPromptName(request.promptName());
        boolean hasPrompt = request.promptName() != null || model.info().defaultPromptName() != null;
        List<TokenizedText> out = new ArrayList<>(request.inputs().size());
        for (Input input : request.inputs()) {
            TokenizedText t;
            if (input.ids() != null && !hasPrompt) {
                t = fromIds(input.ids(), request.truncate(), request.truncateLeft());
            } else {
                String text =
                        input.ids() != null ? model.tokenizer().decode(checkIds(input.ids()), false) : input.text();
                if (text.isEmpty()) throw ApiException.empty("`inputs` cannot be empty");
                try {
                    t = model.tokenize(text, prompt, request.truncateLeft());
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid(e.getMessage()); // an unknown prompt name
                }
            }
            if (t.truncated() && !request.truncate()) throw tooLong(t.untruncatedLength());
            out.add(t);
        }
        return out;
    }

    /** Token ids used as they are (TEI does the same): checked, and cut when allowed. */
    private TokenizedText fromIds(int[] ids, boolean truncate, boolean truncateLeft) {
        checkIds(ids);
        int max = model.maxSeqLength();
        if (ids.length > max && !truncate) throw tooLong(ids.length);
        int[] kept = ids.length <= max
                ? ids
                : truncateLeft ? Arrays.copyOfRange(ids, ids.length - max, ids.length) : Arrays.copyOf(ids, max);
        return new TokenizedText(kept, new int[kept.length], 0, ids.length);
    }

    private int[] checkIds(int[] ids) {
        if (ids.length == 0) throw ApiException.empty("`inputs` cannot be empty");
        for (int id : ids) {
            if (id >= vocabSize)
                throw ApiException.invalid("token id " + id + " is outside the vocabulary (size " + vocabSize + ")");
        }
        return ids;
    }

    private ApiException tooLong(int tokens) {
        return ApiException.invalid("`inputs` must have at most " + model.maxSeqLength() + " tokens. Given: " + tokens
                + " (send truncate=true, or start the server with --auto-truncate true)");
    }
}
