package dev.jembed.bench.compare;

import dev.jembed.engine.WeightFormat;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * jembed's side of {@link CompareMain}, in a JVM of its own so that it can run with other JVM flags
 * than ONNX Runtime's side (a narrower vector width, another collector). Reads one command per line
 * on standard input and answers one line on standard output:
 * <ul>
 *   <li>{@code load THREADS WEIGHTS} loads all-MiniLM-L6-v2: {@code ok KERNELS | GC}</li>
 *   <li>{@code run b1|b32|q9|q74} runs one workload of {@link Workloads}: {@code sec SECONDS}</li>
 *   <li>{@code sample N} embeds the first N corpus lines: N lines of space-separated floats</li>
 *   <li>{@code quit}</li>
 * </ul>
 * Usage: {@code JembedWorker CORPUS_FILE} (one sentence per line, the exact list the parent measures).
 */
public final class JembedWorker {
    private JembedWorker() {}

    public static void main(String[] args) throws Exception {
        List<String> corpus = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        SentenceTransformer model = null;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                String[] cmd = line.strip().split(" ");
                switch (cmd[0]) {
                    case "load" -> {
                        if (model != null) model.close();
                        model = SentenceTransformer.load(
                                "sentence-transformers/all-MiniLM-L6-v2",
                                LoadOptions.defaults()
                                        .withThreads(Integer.parseInt(cmd[1]))
                                        .withWeights(WeightFormat.parse(cmd[2])));
                        out.println("ok " + Kernels.preferred().name() + ", " + collector());
                    }
                    case "run" -> {
                        SentenceTransformer m = model;
                        Runnable w = switch (cmd[1]) {
                            case "b1" ->
                                () -> {
                                    for (String s : corpus) m.encode(List.of(s));
                                };
                            case "b32" ->
                                () -> m.encode(corpus, EncodeOptions.defaults().withBatchSize(32));
                            case "q9" ->
                                () -> {
                                    for (int i = 0; i < Workloads.LATENCY_RUNS; i++)
                                        m.encode(List.of(Workloads.QUERY_9));
                                };
                            case "q74" ->
                                () -> {
                                    for (int i = 0; i < Workloads.LATENCY_RUNS; i++)
                                        m.encode(List.of(Workloads.QUERY_74));
                                };
                            default -> throw new IllegalArgumentException("unknown workload " + cmd[1]);
                        };
                        long t0 = System.nanoTime();
                        w.run();
                        out.println("sec " + (System.nanoTime() - t0) / 1e9);
                    }
                    case "sample" -> {
                        float[][] e = model.encode(corpus.subList(0, Integer.parseInt(cmd[1])));
                        for (float[] v : e) {
                            StringBuilder b = new StringBuilder();
                            for (float x : v) b.append(x).append(' ');
                            out.println(b.toString().strip());
                        }
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command " + line);
                }
            }
        } finally {
            if (model != null) model.close();
        }
    }

    /** The collector this JVM runs, e.g. "G1" or "Serial". */
    static String collector() {
        List<java.lang.management.GarbageCollectorMXBean> gcs =
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans();
        String names = gcs.isEmpty() ? "?" : gcs.get(0).getName();
        if (names.startsWith("G1")) return "G1";
        if (names.startsWith("PS")) return "Parallel";
        if (names.equals("Copy")) return "Serial";
        return names;
    }
}
