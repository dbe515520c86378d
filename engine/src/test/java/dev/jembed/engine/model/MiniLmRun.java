package dev.jembed.engine.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.WeightFormat;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.safetensors.SafetensorsWeights;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.engine.testing.MiniLm;
import dev.jembed.fixtures.StsbPair;
import dev.jembed.fixtures.TestFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 on every STS Benchmark test sentence, computed once per JVM and shared by the
 * real-model tests (parity, re-layout, quality, batch invariance): the sentences, their token ids
 * (Hugging Face tokenizers via DJL, max 256 tokens), jembed's embeddings of each sentence alone, and
 * ONNX Runtime's embeddings of the same ids. Embeddings are mean-pooled and L2-normalized, as
 * sentence-transformers does for this model.
 */
final class MiniLmRun {
    static final int MAX_TOKENS = 256;

    /** The STS-B test pairs: unique sentences, each pair's two sentence indexes, and the gold score. */
    record Stsb(List<String> sentences, int[] left, int[] right, double[] gold) {}

    private static Stsb stsb;
    private static int[][] ids;
    private static Weights weights;
    private static EncoderConfig config;
    private static final Map<WeightFormat, float[][]> jembed = new EnumMap<>(WeightFormat.class);
    private static float[][] ort;
    private static HuggingFaceTokenizer tokenizer;

    private MiniLmRun() {}

    static synchronized Stsb stsb() {
        if (stsb == null) {
            List<StsbPair> pairs = TestFixtures.stsb();
            Map<String, Integer> index = new LinkedHashMap<>();
            int n = pairs.size();
            int[] left = new int[n], right = new int[n];
            double[] gold = new double[n];
            for (int p = 0; p < n; p++) {
                gold[p] = pairs.get(p).gold();
                left[p] = index.computeIfAbsent(pairs.get(p).first(), k -> index.size());
                right[p] = index.computeIfAbsent(pairs.get(p).second(), k -> index.size());
            }
            stsb = new Stsb(List.copyOf(index.keySet()), left, right, gold);
        }
        return stsb;
    }

    /** The all-MiniLM-L6-v2 tokenizer.json of LangChain4j (bert-base-uncased), truncating at 256 tokens. */
    static synchronized HuggingFaceTokenizer tokenizer() {
        if (tokenizer == null) {
            try (InputStream in = MiniLmRun.class.getClassLoader().getResourceAsStream("bert-tokenizer.json")) {
                if (in == null)
                    throw new IllegalStateException(
                            "bert-tokenizer.json (langchain4j-embeddings) not on the classpath");
                tokenizer = HuggingFaceTokenizer.newInstance(
                        in, Map.of("maxLength", String.valueOf(MAX_TOKENS), "truncation", "true", "padding", "false"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokenizer;
    }

    static int[] tokenize(String text) {
        Encoding e = tokenizer().encode(text);
        long[] l = e.getIds();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) out[i] = Math.toIntExact(l[i]);
        return out;
    }

    /** Token ids of every STS-B sentence, [CLS] ... [SEP], at most 256. */
    static synchronized int[][] ids() {
        if (ids == null) {
            List<String> sentences = stsb().sentences();
            int[][] out = new int[sentences.size()][];
            for (int i = 0; i < out.length; i++) out[i] = tokenize(sentences.get(i));
            ids = out;
        }
        return ids;
    }

    /** The MiniLM weights rebuilt from the ONNX by jembed's importer; open for the whole JVM. */
    static synchronized Weights weights() {
        if (weights == null) weights = SafetensorsWeights.open(MiniLm.safetensorsDir());
        return weights;
    }

    static synchronized EncoderConfig config() {
        if (config == null) config = EncoderConfig.read(MiniLm.safetensorsDir().resolve("config.json"));
        return config;
    }

    /** A BERT encoder over the shared weights (close it after use: it owns a thread pool). */
    static Encoder encoder(int threads) {
        return encoder(threads, WeightFormat.F32);
    }

    /** A BERT encoder over the shared weights with its Linear weights in {@code format}. */
    static Encoder encoder(int threads, WeightFormat format) {
        return BertModel.load(
                weights(),
                config(),
                EngineOptions.defaults().withThreads(threads).withWeights(format));
    }

    /**
     * jembed's embedding of every STS-B sentence, each encoded alone. One single-threaded encoder per
     * core, each taking every n-th sentence: batch-of-one passes are too small to split well, and
     * the thread count cannot change a result anyway (BatchInvarianceTest).
     */
    static synchronized float[][] jembed() {
        return jembed(WeightFormat.F32);
    }

    /** As {@link #jembed()} with the Linear weights stored in {@code format}. */
    static synchronized float[][] jembed(WeightFormat format) {
        if (!jembed.containsKey(format)) {
            int[][] all = ids();
            long start = System.nanoTime();
            float[][] out = new float[all.length][];
            int callers = Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> parts = new ArrayList<>();
                for (int c = 0; c < callers; c++) {
                    int first = c;
                    Encoder encoder = encoder(1, format); // here: the callers must not need this class's lock
                    parts.add(pool.submit(() -> {
                        try (encoder) {
                            for (int i = first; i < all.length; i += callers) {
                                out[i] = normalize(
                                        meanPool(encoder.forward(new int[][] {all[i]}, null)[0], all[i].length));
                            }
                        }
                    }));
                }
                for (Future<?> f : parts) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
            jembed.put(format, out);
            System.out.printf(
                    "jembed " + format.id() + ": %d STS-B sentences one at a time (%d callers) in %.1f s%n",
                    all.length,
                    callers,
                    (System.nanoTime() - start) / 1e9);
        }
        return jembed.get(format);
    }

    /** ONNX Runtime's embedding of every STS-B sentence: padded batches of 32 sentences of similar length. */
    static synchronized float[][] ort() {
        if (ort == null) {
            int[][] all = ids();
            long start = System.nanoTime();
            ort = OrtRunner.embed(all, 32);
            System.out.printf(
                    "ONNX Runtime: %d STS-B sentences in batches of 32 in %.1f s%n",
                    all.length, (System.nanoTime() - start) / 1e9);
        }
        return ort;
    }

    /** Mean of the {@code len} rows of a [len * hidden] hidden state, accumulated in double. */
    static float[] meanPool(float[] hidden, int len) {
        int h = hidden.length / len;
        double[] sum = new double[h];
        for (int t = 0; t < len; t++) {
            for (int i = 0; i < h; i++) sum[i] += hidden[t * h + i];
        }
        float[] out = new float[h];
        for (int i = 0; i < h; i++) out[i] = (float) (sum[i] / len);
        return out;
    }

    /** {@code v / max(||v||, 1e-12)} as sentence-transformers' Normalize. */
    static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) norm += (double) x * x;
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " vs " + b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
    }

    /** ONNX Runtime on the LangChain4j all-MiniLM-L6-v2 ONNX file. */
    static final class OrtRunner {
        static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");
        /** The LangChain4j export names its outputs output_0 (last_hidden_state, [batch, len, 384]) and 882 (pooler). */
        static final String OUTPUT = "output_0";

        private OrtRunner() {}

        /** Normalized mean-pooled embeddings of {@code ids}, run in padded batches of similar lengths. */
        static float[][] embed(int[][] ids, int batch) {
            Integer[] order = new Integer[ids.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
            float[][] out = new float[ids.length][];
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
                try (OrtSession session = env.createSession(MiniLm.onnxFile().toString(), options)) {
                    long[] shape = session.getOutputInfo().get(OUTPUT) != null
                                    && session.getOutputInfo().get(OUTPUT).getInfo() instanceof TensorInfo t
                            ? t.getShape()
                            : null;
                    if (!session.getInputNames().equals(INPUTS)
                            || shape == null
                            || shape.length != 3
                            || shape[2] != 384) {
                        throw new IllegalStateException("unexpected ONNX signature: inputs " + session.getInputNames()
                                + ", outputs " + session.getOutputInfo());
                    }
                    for (int from = 0; from < order.length; from += batch) {
                        int to = Math.min(order.length, from + batch);
                        int width = ids[order[to - 1]].length;
                        long[][] input = new long[to - from][width];
                        long[][] mask = new long[to - from][width];
                        long[][] types = new long[to - from][width];
                        for (int b = 0; b < to - from; b++) {
                            int[] seq = ids[order[from + b]];
                            for (int t = 0; t < seq.length; t++) {
                                input[b][t] = seq[t];
                                mask[b][t] = 1;
                            }
                        }
                        try (OnnxTensor i = OnnxTensor.createTensor(env, input);
                                OnnxTensor m = OnnxTensor.createTensor(env, mask);
                                OnnxTensor y = OnnxTensor.createTensor(env, types);
                                OrtSession.Result r = session.run(
                                        Map.of("input_ids", i, "attention_mask", m, "token_type_ids", y),
                                        Set.of(OUTPUT))) {
                            float[][][] hidden =
                                    (float[][][]) r.get(OUTPUT).orElseThrow().getValue();
                            for (int b = 0; b < to - from; b++) {
                                int len = ids[order[from + b]].length;
                                float[] flat = new float[len * hidden[b][0].length];
                                for (int t = 0; t < len; t++) {
                                    System.arraycopy(
                                            hidden[b][t], 0, flat, t * hidden[b][t].length, hidden[b][t].length);
                                }
                                out[order[from + b]] = normalize(meanPool(flat, len));
                            }
                        }
                    }
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed", e);
            }
            return out;
        }
    }

    /** Sentence texts as UTF-8 lengths, for messages. */
    static String describe(int i) {
        String s = stsb().sentences().get(i);
        return "sentence " + i + " (" + ids()[i].length + " tokens, " + s.getBytes(StandardCharsets.UTF_8).length
                + " bytes): " + (s.length() > 60 ? s.substring(0, 60) + "..." : s);
    }

    static List<Integer> subset(int every) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ids().length; i += every) out.add(i);
        return out;
    }
}
