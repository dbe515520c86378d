package dev.jembed.engine.model;

import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.ForwardProfile;
import dev.jembed.engine.ForwardProfile.Stage;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.tensor.FloatTensor;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * The forward pass the three architectures share once their weights are loaded: embeddings, then
 * post-LayerNorm transformer layers. Sequences are packed, never padded: every dense layer runs on
 * all tokens of the batch stacked into one {@code [T, hidden]} matrix, and attention runs per
 * sequence over its own tokens only, so no mask exists and a sequence's result cannot depend on its
 * neighbours. Immutable after construction apart from the scratch state, which the pool's lock guards.
 */
final class Transformer implements AutoCloseable {

    /** How an architecture numbers the positions of one sequence. */
    @FunctionalInterface
    interface Positions {
        /** Writes the position ids of {@code ids} to {@code out[outOff .. outOff + ids.length)}. */
        void fill(int[] ids, int[] out, int outOff);
    }

    /** Batches are run in chunks of about this many tokens, which bounds the scratch memory. */
    static final int CHUNK_TOKENS = 2048;
    /** Tokens in one forward call from which the word-embedding pages it touched are released afterwards. */
    private static final int RELEASE_EMBEDDINGS_TOKENS = 512;
    /** Multiply-adds below which a step runs on the calling thread alone: waking workers would cost more. */
    private static final long MIN_PARALLEL_WORK = 1 << 18;
    /** Matmul column ranges are multiples of the packed weights' panel width, which wastes no kernel work. */
    private static final int COLUMN_ALIGN = PackedMatrix.PANEL;

    private static final Cleaner CLEANER = Cleaner.create();

    private final EncoderConfig config;
    private final Embeddings embeddings;
    private final EncoderLayer[] layers;
    private final Positions positions;
    private final Kernels kernels;
    private final Parallel pool;
    private final int hidden;
    private final int intermediate;
    private final int heads;
    private final int headDim;
    private final int maxLength;
    private final float eps;
    private final float scale;
    private final Activation act;
    private RunState state; // guarded by pool.acquire()
    private volatile boolean closed;

    Transformer(EncoderConfig config, Embeddings embeddings, EncoderLayer[] layers, Positions positions,
                EngineOptions options, String name) {
        this.config = config;
        this.embeddings = embeddings;
        this.layers = layers.clone();
        this.positions = positions;
        this.kernels = options.kernels();
        this.hidden = config.hiddenSize();
        this.intermediate = config.intermediateSize();
        this.heads = config.numAttentionHeads();
        this.headDim = config.headDim();
        this.maxLength = config.maxSequenceLength();
        this.eps = (float) config.layerNormEps();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.act = config.hiddenAct();
        this.pool = new Parallel(options.threads(), name);
        // An encoder dropped without close() must not leave its parked workers behind forever.
        Parallel workers = pool;
        CLEANER.register(this, workers::close);
    }

    Kernels kernels() {
        return kernels;
    }

    int threads() {
        return pool.threads();
    }

    /** See {@link dev.jembed.engine.Encoder#forward}. */
    float[][] forward(int[][] inputIds, int[][] tokenTypeIds) {
        if (closed) throw new IllegalStateException("the encoder is closed");
        validate(inputIds, tokenTypeIds);
        int n = inputIds.length;
        float[][] out = new float[n][];
        int budget = Math.max(CHUNK_TOKENS, maxLength);
        pool.acquire();
        try {
            if (closed) throw new IllegalStateException("the encoder is closed");
            int total = 0;
            for (int from = 0; from < n; ) {
                int to = from, tokens = 0;
                while (to < n && (to == from || tokens + inputIds[to].length <= budget)) tokens += inputIds[to++].length;
                run(inputIds, tokenTypeIds, from, to, tokens, out);
                total += tokens;
                from = to;
            }
            // A large batch touches thousands of rows of the mapped word-embedding table (up to the
            // whole 47 MB of MiniLM's over a corpus). Hand those pages back to the page cache after it:
            // the next batch faults in only the rows it reads. Small calls (queries) keep theirs.
            if (total >= RELEASE_EMBEDDINGS_TOKENS && embeddings.word().data().isMapped()) {
                embeddings.word().data().unload();
            }
        } finally {
            pool.release();
        }
        return out;
    }

    private void validate(int[][] inputIds, int[][] tokenTypeIds) {
        if (inputIds == null) throw new IllegalArgumentException("inputIds is null");
        boolean useTypes = embeddings.tokenType() != null && tokenTypeIds != null;
        if (useTypes && tokenTypeIds.length != inputIds.length) {
            throw new IllegalArgumentException("tokenTypeIds has " + tokenTypeIds.length + " sequences, inputIds "
                    + inputIds.length);
        }
        int vocab = config.vocabSize();
        int typeVocab = config.typeVocabSize();
        for (int s = 0; s < inputIds.length; s++) {
            int[] ids = inputIds[s];
            if (ids == null) throw new IllegalArgumentException("sequence " + s + " is null");
            if (ids.length == 0) throw new IllegalArgumentException("sequence " + s + " is empty");
            if (ids.length > maxLength) {
                throw new IllegalArgumentException("sequence " + s + " has " + ids.length
                        + " tokens, the model takes at most " + maxLength + " (truncate before the encoder)");
            }
            for (int t = 0; t < ids.length; t++) {
                if (ids[t] < 0 || ids[t] >= vocab) {
                    throw new IllegalArgumentException("sequence " + s + ", token " + t + ": id " + ids[t]
                            + " outside the vocabulary [0, " + vocab + ")");
                }
            }
            if (!useTypes) continue;
            int[] types = tokenTypeIds[s];
            if (types == null || types.length != ids.length) {
                throw new IllegalArgumentException("sequence " + s + ": tokenTypeIds length "
                        + (types == null ? "null" : types.length) + " differs from inputIds length " + ids.length);
            }
            for (int t = 0; t < types.length; t++) {
                if (types[t] < 0 || types[t] >= typeVocab) {
                    throw new IllegalArgumentException("sequence " + s + ", token " + t + ": token type " + types[t]
                            + " outside [0, " + typeVocab + ")");
                }
            }
        }
    }

    /** Runs sequences {@code [from, to)}, {@code tokens} tokens in all, and stores their last hidden states in out. */
    private void run(int[][] inputIds, int[][] tokenTypeIds, int from, int to, int tokens, float[][] out) {
        RunState s = state(tokens);
        int count = to - from;
        int[] start = new int[count + 1]; // packed row of each sequence's first token
        for (int q = 0; q < count; q++) {
            int[] ids = inputIds[from + q];
            int t = start[q];
            System.arraycopy(ids, 0, s.ids, t, ids.length);
            if (tokenTypeIds != null && embeddings.tokenType() != null) {
                System.arraycopy(tokenTypeIds[from + q], 0, s.typeIds, t, ids.length);
            } else {
                Arrays.fill(s.typeIds, t, t + ids.length, 0);
            }
            positions.fill(ids, s.posIds, t);
            start[q + 1] = t + ids.length;
        }

        // Embeddings: word + token type + position, then LayerNorm.
        long clock = ForwardProfile.start();
        FloatTensor type = embeddings.tokenType();
        kernels.embeddingSum(s.ids, type == null ? null : s.typeIds, s.posIds, tokens,
                embeddings.word().data(), type == null ? null : type.data(), embeddings.position().data(), hidden,
                s.hidden, 0);
        layerNorm(s.hidden, null, tokens, embeddings.norm(), embeddings.normBias(), s.hidden);
        clock = ForwardProfile.lap(Stage.EMBEDDINGS, clock);

        int context = tokens * 3 * hidden; // where the attention output starts in s.work, after Q | K | V
        for (EncoderLayer layer : layers) {
            // Self-attention: Q, K and V side by side in one [T, 3*hidden] buffer, then attention per
            // (sequence, head) over the sequence's own rows.
            int qkvStep = columnStep(tokens, hidden, hidden), qkvBlocks = ceilDiv(hidden, qkvStep);
            pool.run(3 * qkvBlocks, (item, worker) -> {
                int m = item / qkvBlocks;
                PackedMatrix w = m == 0 ? layer.query() : m == 1 ? layer.key() : layer.value();
                FloatTensor b = m == 0 ? layer.queryBias() : m == 1 ? layer.keyBias() : layer.valueBias();
                int c0 = (item % qkvBlocks) * qkvStep;
                kernels.matmul(s.hidden, 0, hidden, tokens, w, b.data(), Activation.NONE,
                        s.work, m * hidden, 3 * hidden, c0, Math.min(hidden, c0 + qkvStep));
            });
            clock = ForwardProfile.lap(Stage.QKV, clock);
            long attentionWork = 0;
            for (int q = 0; q < count; q++) attentionWork += 2L * (start[q + 1] - start[q]) * (start[q + 1] - start[q]) * hidden;
            if (attentionWork < MIN_PARALLEL_WORK) {
                for (int q = 0; q < count; q++) attention(s, start, context, q, 0, heads, 0);
            } else {
                pool.run(count * heads, (item, worker) -> attention(s, start, context, item / heads, item % heads, item % heads + 1, worker));
            }
            clock = ForwardProfile.lap(Stage.ATTENTION, clock);
            dense(s.work, context, tokens, hidden, layer.attnOut(), layer.attnOutBias(), Activation.NONE, s.spare, hidden);
            clock = ForwardProfile.lap(Stage.ATTENTION_OUTPUT, clock);
            layerNorm(s.spare, s.hidden, tokens, layer.attnNorm(), layer.attnNormBias(), s.spare);
            s.swap();
            clock = ForwardProfile.lap(Stage.ATTENTION_NORM, clock);

            // Feed-forward: bias and activation fused into the first matmul.
            dense(s.hidden, 0, tokens, hidden, layer.ffnIn(), layer.ffnInBias(), act, s.work, intermediate);
            clock = ForwardProfile.lap(Stage.FFN_UP_GELU, clock);
            dense(s.work, 0, tokens, intermediate, layer.ffnOut(), layer.ffnOutBias(), Activation.NONE, s.spare, hidden);
            clock = ForwardProfile.lap(Stage.FFN_DOWN, clock);
            layerNorm(s.spare, s.hidden, tokens, layer.outNorm(), layer.outNormBias(), s.spare);
            s.swap();
            clock = ForwardProfile.lap(Stage.OUTPUT_NORM, clock);
        }

        for (int q = 0; q < count; q++) {
            out[from + q] = Arrays.copyOfRange(s.hidden, start[q] * hidden, start[q + 1] * hidden);
        }
    }

    /** Attention of sequence {@code q}, heads {@code [h0, h1)}, into its rows of the context (from {@code work[context]}). */
    private void attention(RunState s, int[] start, int context, int q, int h0, int h1, int worker) {
        kernels.attention(s.work, start[q] * 3 * hidden, 3 * hidden, 0, hidden, 2 * hidden,
                start[q + 1] - start[q], headDim, h0, h1, scale, s.work, context + start[q] * hidden, hidden, s.scores[worker]);
    }

    /** {@code c[T, n] = act(a[T, k] w^T + bias)} with {@code a} from {@code a[aOff]}, split by column ranges across the pool. */
    private void dense(float[] a, int aOff, int tokens, int k, PackedMatrix w, FloatTensor bias, Activation fn, float[] c, int n) {
        MemorySegment b = bias.data();
        int step = columnStep(tokens, k, n);
        pool.run(ceilDiv(n, step), (item, worker) -> {
            int c0 = item * step;
            kernels.matmul(a, aOff, k, tokens, w, b, fn, c, 0, n, c0, Math.min(n, c0 + step));
        });
    }

    /** {@code out = LayerNorm(x + residual)} row by row, split by row ranges across the pool. */
    private void layerNorm(float[] x, float[] residual, int tokens, FloatTensor gamma, FloatTensor beta, float[] out) {
        int step = (long) tokens * hidden * 8 < MIN_PARALLEL_WORK ? tokens : Math.max(1, ceilDiv(tokens, 2 * pool.threads()));
        MemorySegment g = gamma.data(), b = beta.data();
        pool.run(ceilDiv(tokens, step), (item, worker) -> {
            int r0 = item * step, rows = Math.min(tokens, r0 + step) - r0;
            kernels.addLayerNorm(x, r0 * hidden, residual, r0 * hidden, rows, hidden, g, b, eps, out, r0 * hidden);
        });
    }

    /**
     * Columns per work item of a {@code [tokens, k] x [k, n]} product: all of them if it is small,
     * else a multiple of {@link #COLUMN_ALIGN} giving about three items per thread (so a thread the
     * OS is slow to schedule costs little).
     */
    private int columnStep(int tokens, int k, int n) {
        if (pool.threads() == 1 || (long) tokens * k * n < MIN_PARALLEL_WORK) return n;
        return Math.min(n, ceilDiv(ceilDiv(n, 3 * pool.threads()), COLUMN_ALIGN) * COLUMN_ALIGN);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private RunState state(int tokens) {
        if (state == null || state.capacity < tokens) {
            int capacity = Math.min(Math.max(CHUNK_TOKENS, maxLength),
                    Math.max(tokens, state == null ? 0 : 2 * state.capacity));
            state = new RunState(capacity, hidden, intermediate, pool.threads(), maxLength);
        }
        return state;
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }
}
