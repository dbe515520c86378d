package dev.jembed.tornado;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole BERT / DistilBERT / RoBERTa encoder as one TornadoVM task graph: the weights are
 * uploaded once (first execution) and stay on the device; the hidden states of every layer never
 * leave it; each call uploads only the token ids, positions, types and lengths of a padded batch, and
 * reads back only the tokens' last hidden states (a partial copy of the real rows).
 *
 * <p>Inputs larger than the device buffers ({@link #TOKEN_CAPACITY} padded tokens) run in several
 * passes of consecutive sequences. A sequence's result does not depend on its batch: every kernel
 * reads only its own sequence's rows and attention never reads past the sequence's length.
 */
final class TornadoEncoder implements Encoder {
    /** Padded tokens (batch x longest sequence) one pass holds: sizes the activation buffers. */
    static final int TOKEN_CAPACITY = 8192;
    /** Work-group size of every kernel. */
    static final int GROUP = 64;
    private static final AtomicInteger GRAPHS = new AtomicInteger();

    private final EncoderConfig config;
    private final String device;
    private final int capacity;
    private final IntArray ids, types, positions, lengths, dims;
    private final FloatArray hidden;
    private final TornadoExecutionPlan plan;
    private final List<WorkerGrid> perToken = new ArrayList<>(), perRow = new ArrayList<>(), perQkv = new ArrayList<>(),
            perIntermediate = new ArrayList<>(), perHead = new ArrayList<>();
    private TornadoExecutionResult lastResult;
    private boolean closed;

    TornadoEncoder(Weights weights, EncoderConfig config, String device, boolean profile) {
        this.config = config;
        this.device = device;
        int h = config.hiddenSize(), inter = config.intermediateSize();
        this.capacity = Math.max(TOKEN_CAPACITY, config.maxSequenceLength());
        DeviceWeights w = new DeviceWeights(weights, config);
        ids = new IntArray(capacity);
        types = new IntArray(capacity);
        positions = new IntArray(capacity);
        lengths = new IntArray(capacity);
        dims = new IntArray(3);
        hidden = new FloatArray(capacity * h);
        FloatArray qkv = new FloatArray(capacity * 3 * h), context = new FloatArray(capacity * h),
                ffn = new FloatArray(Math.multiplyExact(capacity, inter));
        float eps = (float) config.layerNormEps();
        int activation = switch (config.hiddenAct().name()) {
            case "GELU" -> EncoderKernels.GELU;
            case "GELU_TANH" -> EncoderKernels.GELU_TANH;
            default -> EncoderKernels.NONE;
        };
        float scale = (float) (1.0 / Math.sqrt(config.headDim()));

        String name = "jembed" + GRAPHS.incrementAndGet();
        KernelContext c = new KernelContext();
        GridScheduler grids = new GridScheduler();
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, w.all().toArray())
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, hidden, qkv, context, ffn)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, ids, types, positions, lengths, dims)
                .task("embed", EncoderKernels::embed, c, ids, types, positions, w.word, w.position, w.tokenType,
                        w.embeddingGamma, w.embeddingBeta, hidden, dims, h, eps);
        grid(grids, name, "embed", perToken);
        for (int i = 0; i < w.layers.length; i++) {
            DeviceWeights.Layer l = w.layers[i];
            g.task("qkv" + i, EncoderKernels::linear, c, hidden, l.qkv(), l.qkvBias(), qkv, dims, h, 3 * h, EncoderKernels.NONE)
                    .task("attention" + i, EncoderKernels::attention, c, qkv, context, lengths, dims, h,
                            config.numAttentionHeads(), config.headDim(), scale)
                    .task("output" + i, EncoderKernels::linearResidualNorm, c, context, l.out(), l.outBias(), hidden,
                            l.norm1(), l.norm1Bias(), dims, h, h, eps)
                    .task("up" + i, EncoderKernels::linear, c, hidden, l.up(), l.upBias(), ffn, dims, h, inter, activation)
                    .task("down" + i, EncoderKernels::linearResidualNorm, c, ffn, l.down(), l.downBias(), hidden,
                            l.norm2(), l.norm2Bias(), dims, inter, h, eps);
            grid(grids, name, "qkv" + i, perQkv);
            grid(grids, name, "attention" + i, perHead);
            grid(grids, name, "output" + i, perRow);
            grid(grids, name, "up" + i, perIntermediate);
            grid(grids, name, "down" + i, perRow);
        }
        g.transferToHost(DataTransferMode.UNDER_DEMAND, hidden);
        TornadoExecutionPlan p = new TornadoExecutionPlan(g.snapshot()).withGridScheduler(grids);
        this.plan = profile ? p.withProfiler(ProfilerMode.SILENT) : p;
    }

    private static void grid(GridScheduler grids, String graph, String task, List<WorkerGrid> group) {
        WorkerGrid1D grid = new WorkerGrid1D(1);
        grids.addWorkerGrid(graph + "." + task, grid);
        group.add(grid);
    }

    @Override
    public EncoderConfig config() {
        return config;
    }

    @Override
    public synchronized float[][] forward(int[][] inputIds, int[][] tokenTypeIds) {
        if (closed) throw new IllegalStateException("this encoder is closed");
        check(inputIds, tokenTypeIds);
        float[][] out = new float[inputIds.length][];
        int first = 0;
        while (first < inputIds.length) {
            // the longest run of consecutive sequences whose padded batch fits the buffers
            int end = first, longest = 0;
            while (end < inputIds.length) {
                int l = Math.max(longest, inputIds[end].length);
                if ((long) l * (end - first + 1) > capacity) break;
                longest = l;
                end++;
            }
            pass(inputIds, tokenTypeIds, first, end, longest, out);
            first = end;
        }
        return out;
    }

    private void pass(int[][] inputIds, int[][] tokenTypeIds, int first, int end, int length, float[][] out) {
        int batch = end - first, tokens = batch * length, h = config.hiddenSize();
        boolean roberta = config.architecture() == Architecture.ROBERTA;
        boolean typed = tokenTypeIds != null && config.architecture() != Architecture.DISTILBERT;
        int pad = config.padTokenId();
        for (int b = 0; b < batch; b++) {
            int[] seq = inputIds[first + b];
            lengths.set(b, seq.length);
            int running = 0;
            for (int i = 0; i < length; i++) {
                int t = b * length + i;
                boolean real = i < seq.length;
                int id = real ? seq[i] : pad;
                ids.set(t, id);
                types.set(t, real && typed ? tokenTypeIds[first + b][i] : 0);
                // RoBERTa numbers positions after the padding index (Hugging Face's create_position_ids_from_input_ids)
                positions.set(t, !real ? 0 : roberta ? (id == pad ? pad : pad + 1 + running++) : i);
            }
        }
        dims.set(EncoderKernels.BATCH, batch);
        dims.set(EncoderKernels.LENGTH, length);
        dims.set(EncoderKernels.TOKENS, tokens);
        size(perToken, tokens);
        for (WorkerGrid g : perRow) {
            g.setGlobalWork((long) tokens * EncoderKernels.ROW_GROUP, 1, 1);
            g.setLocalWork(EncoderKernels.ROW_GROUP, 1, 1);
        }
        size(perQkv, 3L * tokens * h);
        size(perIntermediate, (long) tokens * config.intermediateSize());
        size(perHead, (long) tokens * config.numAttentionHeads());
        TornadoExecutionResult result = plan.execute();
        result.transferToHost(new DataRange(hidden).withSize((long) tokens * h));
        lastResult = result;
        for (int b = 0; b < batch; b++) {
            int n = inputIds[first + b].length;
            float[] row = new float[n * h];
            MemorySegment.copy(hidden.getSegment(), ValueLayout.JAVA_FLOAT, (long) b * length * h * Float.BYTES, row, 0, row.length);
            out[first + b] = row;
        }
    }

    /**
     * Launches {@code items} work-items in groups of {@link #GROUP} (the kernels ignore the ones past
     * the end), rather than leaving the group size to the driver (the kernels are written for any size).
     */
    private static void size(List<WorkerGrid> grids, long items) {
        long global = (items + GROUP - 1) / GROUP * GROUP;
        for (WorkerGrid g : grids) {
            g.setGlobalWork(global, 1, 1);
            g.setLocalWork(GROUP, 1, 1);
        }
    }

    private void check(int[][] inputIds, int[][] tokenTypeIds) {
        if (tokenTypeIds != null && tokenTypeIds.length != inputIds.length) {
            throw new IllegalArgumentException("tokenTypeIds has " + tokenTypeIds.length + " sequences, inputIds " + inputIds.length);
        }
        boolean typed = tokenTypeIds != null && config.architecture() != Architecture.DISTILBERT;
        for (int b = 0; b < inputIds.length; b++) {
            int[] seq = inputIds[b];
            if (seq.length == 0 || seq.length > config.maxSequenceLength()) {
                throw new IllegalArgumentException("sequence " + b + " has " + seq.length + " tokens; 1 to "
                        + config.maxSequenceLength() + " are allowed");
            }
            for (int id : seq) {
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("sequence " + b + ": token id " + id + " outside the vocabulary [0, " + config.vocabSize() + ")");
                }
            }
            if (typed) {
                int[] t = tokenTypeIds[b];
                if (t.length != seq.length) {
                    throw new IllegalArgumentException("sequence " + b + ": " + t.length + " type ids for " + seq.length + " tokens");
                }
                for (int id : t) {
                    if (id < 0 || id >= config.typeVocabSize()) {
                        throw new IllegalArgumentException("sequence " + b + ": type id " + id + " outside [0, " + config.typeVocabSize() + ")");
                    }
                }
            }
        }
    }

    /** The profiler's record of the last pass (null unless loaded with profiling), for the benchmark. */
    synchronized TornadoExecutionResult lastResult() {
        return lastResult;
    }

    /** The device the graph runs on. */
    String device() {
        return device;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            plan.freeDeviceMemory();
            plan.close();
        } catch (Exception e) {
            throw new IllegalStateException("releasing the TornadoVM execution plan: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TornadoEncoder[" + config.architecture() + ", " + config.numHiddenLayers() + " layers, hidden " + config.hiddenSize()
                + ", " + device + "]";
    }
}
