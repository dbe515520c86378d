package dev.jembed.bench.kernel;

import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.model.ForwardProfile;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where one forward pass of all-MiniLM-L6-v2 spends its time, stage by stage, at batch 1 (a 9-token
 * query) and at batch 32 (the 32 longest-first lines of the benchmark corpus), on one thread: each
 * stage's share of the encode call, and for the matmul and attention stages GFLOP/s against this
 * thread's measured FMA peak at the JVM's vector width. Tokenize and pooling (mean, normalize, copy)
 * are timed around the engine, the engine's stages by {@link ForwardProfile}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Djembed.profile=true -cp
 * bench/target/benchmarks.jar:<jembed jars and the embedded model jar> dev.jembed.bench.kernel.StageProfile}
 * (the README gives the exact command; add {@code -XX:UseAVX=2} or {@code -XX:MaxVectorSize=16} for
 * other widths).
 */
public final class StageProfile {
    private static final int LAYERS = 6, HIDDEN = 384, INTERMEDIATE = 1536;

    private StageProfile() {}

    public static void main(String[] args) throws Exception {
        if (!ForwardProfile.enabled()) throw new IllegalStateException("run with -Djembed.profile=true");
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<String> corpus;
        try (InputStream in = StageProfile.class.getClassLoader().getResourceAsStream("bench-corpus.txt")) {
            if (in == null) throw new IOException("bench-corpus.txt is not on the class path");
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(s -> !s.isBlank())
                    .toList();
        }
        List<String> longest = new ArrayList<>(corpus);
        longest.sort(Comparator.comparingInt(String::length).reversed());
        List<String> batch32 = longest.subList(0, 32);
        List<String> query = List.of("how do I speed up a slow join");
        double peak = KernelReport.peak(5);
        try (SentenceTransformer model = SentenceTransformer.load(
                "sentence-transformers/all-MiniLM-L6-v2", LoadOptions.defaults().withThreads(1))) {
            System.out.printf(
                    "all-MiniLM-L6-v2, 1 thread, kernels %s, JDK %s; FMA peak of this thread %.1f GFLOP/s%n%n",
                    Kernels.preferred().name(), Runtime.version(), peak);
            Result q = profile(model, query, seconds);
            Result b = profile(model, batch32, seconds);
            System.out.printf(
                    "| stage | batch 1, %d tokens: share | GFLOP/s (%% of peak) | batch 32, %d tokens: share | GFLOP/s (%% of peak) |%n",
                    q.tokens, b.tokens);
            System.out.println("|---|---|---|---|---|");
            String[] names = {
                "tokenize",
                "embeddings + LayerNorm",
                "Q/K/V projections",
                "attention: scores, softmax, context",
                "attention output projection",
                "LayerNorm after attention",
                "FFN up + GELU",
                "FFN down",
                "LayerNorm after FFN",
                "pooling, normalize, copy"
            };
            for (int i = 0; i < names.length; i++) {
                System.out.printf(
                        "| %s | %.1f%% | %s | %.1f%% | %s |%n",
                        names[i], 100 * q.share(i), q.rate(i, peak), 100 * b.share(i), b.rate(i, peak));
            }
            System.out.printf(
                    "| **whole encode call** | %.3f ms | %s | %.2f ms | %s |%n",
                    q.perCallMs(), q.totalRate(peak), b.perCallMs(), b.totalRate(peak));
        }
    }

    /** Seconds per part: tokenize, the 8 engine stages, pooling and the rest; FLOPs per part. */
    private record Result(int tokens, long calls, double[] seconds, double[] flops) {
        double total() {
            double t = 0;
            for (double s : seconds) t += s;
            return t;
        }

        double share(int i) {
            return seconds[i] / total();
        }

        String rate(int i, double peak) {
            if (flops[i] == 0) return "—";
            double g = flops[i] * calls / seconds[i] / 1e9;
            return String.format("%.1f (%.0f%%)", g, 100 * g / peak);
        }

        String totalRate(double peak) {
            double f = 0;
            for (double x : flops) f += x;
            double g = f * calls / total() / 1e9;
            return String.format("%.1f (%.0f%%)", g, 100 * g / peak);
        }

        double perCallMs() {
            return total() / calls * 1000;
        }
    }

    private static Result profile(SentenceTransformer model, List<String> texts, double seconds) {
        int[][] ids = model.tokenize(texts);
        int tokens = 0;
        long attentionFlops = 0;
        for (int[] s : ids) {
            tokens += s.length;
            attentionFlops += 4L * s.length * s.length * HIDDEN; // Q K^T and P V, all heads
        }
        double[] flops = new double[10];
        flops[2] = 2.0 * tokens * HIDDEN * 3 * HIDDEN * LAYERS;
        flops[3] = (double) attentionFlops * LAYERS;
        flops[4] = 2.0 * tokens * HIDDEN * HIDDEN * LAYERS;
        flops[6] = 2.0 * tokens * HIDDEN * INTERMEDIATE * LAYERS;
        flops[7] = 2.0 * tokens * INTERMEDIATE * HIDDEN * LAYERS;
        EncodeOptions options = EncodeOptions.defaults().withBatchSize(32);
        for (long end = System.nanoTime() + (long) (seconds * 1e9); System.nanoTime() < end; )
            model.encode(texts, options); // warm-up
        double tokenize = 0, encode = 0;
        ForwardProfile.reset();
        long calls = 0;
        for (long end = System.nanoTime() + (long) (seconds * 1e9); System.nanoTime() < end; calls++) {
            long t0 = System.nanoTime();
            model.tokenize(texts);
            long t1 = System.nanoTime();
            model.encode(texts, options);
            long t2 = System.nanoTime();
            tokenize += (t1 - t0) / 1e9;
            encode += (t2 - t1) / 1e9;
        }
        long[] stage = ForwardProfile.nanos();
        double[] s = new double[10];
        s[0] = tokenize;
        double engine = 0;
        for (int i = 0; i < stage.length; i++) {
            s[i + 1] = stage[i] / 1e9;
            engine += s[i + 1];
        }
        s[9] = Math.max(0, encode - tokenize - engine); // encode tokenizes again: the rest is pooling and glue
        return new Result(tokens, calls, s, flops);
    }
}
