package dev.jembed.engine.model;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.kernel.Kernels;
import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * What the Hugging Face {@code *Model}s here share around their modules: input validation, the
 * thread pool and kernels ({@link Compute}), the scratch state ({@link RunState}), and the packing of
 * a batch: sequences are never padded, every dense layer runs on all tokens of a chunk stacked into
 * one {@code [T, hidden]} matrix, and attention runs per sequence over its own rows, so no mask exists
 * and a sequence's result cannot depend on its neighbours. A subclass supplies the embeddings and the
 * layer stack. Immutable after construction apart from the scratch state, which the pool's lock guards.
 */
abstract sealed class EncoderModel implements Encoder permits BertModel, DistilBertModel {

    /** Batches are run in chunks of about this many tokens, which bounds the scratch memory. */
    static final int CHUNK_TOKENS = 2048;

    private static final Cleaner CLEANER = Cleaner.create();

    private final EncoderConfig config;
    private final BertEmbeddings embeddings;
    final Compute compute;
    private RunState state; // guarded by compute.pool.acquire()
    private volatile boolean closed;

    EncoderModel(EncoderConfig config, BertEmbeddings embeddings, EngineOptions options) {
        this.config = config;
        this.embeddings = embeddings;
        Parallel pool = new Parallel(options.threads(), "jembed-" + getClass().getSimpleName());
        this.compute = new Compute(Kernels.named(options.kernels()), pool);
        // A model dropped without close() must not leave its parked workers behind forever.
        CLEANER.register(this, pool::close);
    }

    /** The layers after the embeddings: {@code s.hidden [T, hidden]} to {@code s.hidden [T, hidden]}. */
    abstract void encode(RunState s);

    @Override
    public final EncoderConfig config() {
        return config;
    }

    /** {@inheritDoc} DistilBERT ignores {@code tokenTypeIds}: it has no token type embeddings. */
    @Override
    public final float[][] forward(int[][] inputIds, int[][] tokenTypeIds) {
        if (closed) throw new IllegalStateException("the encoder is closed");
        int[][] types = embeddings.hasTokenTypes() ? tokenTypeIds : null;
        validate(inputIds, types);
        int n = inputIds.length;
        float[][] out = new float[n][];
        int budget = Math.max(CHUNK_TOKENS, config.maxSequenceLength());
        compute.pool.acquire();
        try {
            if (closed) throw new IllegalStateException("the encoder is closed");
            int total = 0;
            for (int from = 0; from < n; ) {
                int to = from, tokens = 0;
                while (to < n && (to == from || tokens + inputIds[to].length <= budget))
                    tokens += inputIds[to++].length;
                RunState s = state(tokens);
                pack(s, inputIds, types, from, to);
                s.startClock();
                embeddings.forward(compute, s); // s.hidden [T, hidden]
                encode(s); // s.hidden [T, hidden]
                for (int q = 0; q < s.sequences; q++) {
                    out[from + q] =
                            Arrays.copyOfRange(s.hidden, s.start[q] * s.hiddenSize, s.start[q + 1] * s.hiddenSize);
                }
                total += tokens;
                from = to;
            }
            embeddings.releasePages(total);
        } finally {
            compute.pool.release();
        }
        return out;
    }

    /** Stacks sequences {@code [from, to)} into {@code s}: ids, type ids (0 without), position ids, row starts. */
    private void pack(RunState s, int[][] inputIds, int[][] tokenTypeIds, int from, int to) {
        s.sequences = to - from;
        for (int q = 0; q < s.sequences; q++) {
            int[] ids = inputIds[from + q];
            int t = s.start[q];
            System.arraycopy(ids, 0, s.ids, t, ids.length);
            if (tokenTypeIds != null) {
                System.arraycopy(tokenTypeIds[from + q], 0, s.typeIds, t, ids.length);
            } else {
                Arrays.fill(s.typeIds, t, t + ids.length, 0);
            }
            embeddings.positionIds(ids, s.posIds, t);
            s.start[q + 1] = t + ids.length;
        }
        s.tokens = s.start[s.sequences];
    }

    /** Checks the whole batch before anything runs; {@code tokenTypeIds} is null when unused. */
    private void validate(int[][] inputIds, int[][] tokenTypeIds) {
        if (inputIds == null) throw new IllegalArgumentException("inputIds is null");
        if (tokenTypeIds != null && tokenTypeIds.length != inputIds.length) {
            throw new IllegalArgumentException(
                    "tokenTypeIds has " + tokenTypeIds.length + " sequences, inputIds " + inputIds.length);
        }
        int vocab = config.vocabSize(), maxLength = config.maxSequenceLength();
        for (int s = 0; s < inputIds.length; s++) {
            int[] ids = inputIds[s];
            if (ids == null) throw new IllegalArgumentException("sequence " + s + " is null");
            if (ids.length == 0) throw new IllegalArgumentException("sequence " + s + " is empty");
            if (ids.length > maxLength) {
                throw new IllegalArgumentException("sequence " + s + " has " + ids.length
                        + " tokens, the model takes at most " + maxLength + " (truncate before the encoder)");
            }
            checkRange(ids, vocab, s, "id", "the vocabulary ");
            if (tokenTypeIds == null) continue;
            int[] types = tokenTypeIds[s];
            if (types == null || types.length != ids.length) {
                throw new IllegalArgumentException("sequence " + s + ": tokenTypeIds length "
                        + (types == null ? "null" : types.length) + " differs from inputIds length " + ids.length);
            }
            checkRange(types, config.typeVocabSize(), s, "token type", "");
        }
    }

    private static void checkRange(int[] values, int limit, int sequence, String what, String where) {
        for (int t = 0; t < values.length; t++) {
            if (values[t] < 0 || values[t] >= limit) {
                throw new IllegalArgumentException("sequence " + sequence + ", token " + t + ": " + what + " "
                        + values[t] + " outside " + where + "[0, " + limit + ")");
            }
        }
    }

    private RunState state(int tokens) {
        int maxLength = config.maxSequenceLength();
        if (state == null || state.capacity < tokens) {
            int capacity = Math.min(
                    Math.max(CHUNK_TOKENS, maxLength), Math.max(tokens, state == null ? 0 : 2 * state.capacity));
            state = new RunState(capacity, config.hiddenSize(), config.intermediateSize());
        }
        return state;
    }

    @Override
    public final void close() {
        closed = true;
        compute.close();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + config.numHiddenLayers() + " layers, hidden " + config.hiddenSize()
                + ", " + compute.pool.threads() + " threads, " + compute.kernels.name() + "]";
    }
}
