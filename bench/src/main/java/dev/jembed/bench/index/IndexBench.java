package dev.jembed.bench.index;

import dev.jembed.bench.BenchArgs;
import dev.jembed.lucene.IndexHit;
import dev.jembed.lucene.SyntheticVectors;
import dev.jembed.lucene.VectorIndexReader;
import dev.jembed.lucene.VectorIndexWriter;
import dev.jembed.lucene.VectorQuantization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Lucene index at scale, on synthetic sentence-embedding-like vectors (384 dimensions, about
 * 25 per topic): build rate, disk size, query latency p50 / p99 of the HNSW graph (float32 and
 * int8) and of exact search, and recall@10 of the graphs against exact search.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx3g -cp bench/target/benchmarks.jar dev.jembed.bench.index.IndexBench --sizes 10000,200000 --queries 200
 * </pre>
 * Single-threaded writer and queries; the index goes to a temporary directory, deleted afterwards.
 */
public final class IndexBench {
    private static final int DIM = 384;
    private static final int K = 10;

    private IndexBench() {}

    public static void main(String[] args) throws IOException {
        int[] sizes = {10_000, 200_000};
        int queries = 200;
        List<VectorQuantization> quantizations = List.of(VectorQuantization.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = BenchArgs.ints(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--quantize" -> quantizations = BenchArgs.list(args[++i], VectorQuantization::parse);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + "; use --sizes N,M --queries Q --quantize none,int8");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| vectors | index | build (vectors/s) | disk (MB) | query p50 (ms) | query p99 (ms) | recall@10 (100 candidates) | recall@10 (10 candidates) |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|%n");
        for (int n : sizes) run(n, queries, quantizations);
    }

    private static void run(int n, int queryCount, List<VectorQuantization> quantizations) throws IOException {
        SyntheticVectors gen = new SyntheticVectors(42, DIM, Math.max(200, n / 25));
        float[][] docs = gen.next(n);
        float[][] queries = gen.next(queryCount);
        Path tmp = Files.createTempDirectory("jembed-index-bench");
        try {
            List<Set<Long>> truth = null;
            for (VectorQuantization q : quantizations) {
                Path dir = tmp.resolve(q.id());
                long t0 = System.nanoTime();
                try (VectorIndexWriter w = VectorIndexWriter.open(dir, "synthetic/clustered", DIM, q)) {
                    for (int i = 0; i < n; i++) w.add("doc " + i, docs[i]);
                }
                double buildSeconds = (System.nanoTime() - t0) / 1e9;
                try (VectorIndexReader r = VectorIndexReader.open(dir)) {
                    if (truth == null) {
                        for (int i = 0; i < Math.min(20, queryCount); i++) r.exactSearch(queries[i], K); // warm-up
                        long[] exactNanos = new long[queryCount];
                        truth = new java.util.ArrayList<>();
                        for (int i = 0; i < queryCount; i++) {
                            long s = System.nanoTime();
                            truth.add(lines(r.exactSearch(queries[i], K)));
                            exactNanos[i] = System.nanoTime() - s;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "| %,d | exact (brute force) | | | %.2f | %.2f | 1 | |%n",
                                n,
                                percentile(exactNanos, 50),
                                percentile(exactNanos, 99));
                    }
                    for (int i = 0; i < Math.min(50, queryCount); i++) r.search(queries[i], K); // warm-up
                    long[] nanos = new long[queryCount];
                    int found = 0;
                    int foundNarrow = 0;
                    for (int i = 0; i < queryCount; i++) {
                        long s = System.nanoTime();
                        Set<Long> got = lines(r.search(queries[i], K));
                        nanos[i] = System.nanoTime() - s;
                        got.retainAll(truth.get(i));
                        found += got.size();
                        Set<Long> narrow = lines(r.search(queries[i], K, K));
                        narrow.retainAll(truth.get(i));
                        foundNarrow += narrow.size();
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "| %,d | HNSW %s | %,.0f | %.1f | %.2f | %.2f | %.4f | %.4f |%n",
                            n,
                            q == VectorQuantization.NONE ? "float32" : "int8",
                            n / buildSeconds,
                            size(dir) / 1e6,
                            percentile(nanos, 50),
                            percentile(nanos, 99),
                            found / (double) (queryCount * K),
                            foundNarrow / (double) (queryCount * K));
                }
            }
        } finally {
            delete(tmp);
        }
    }

    private static Set<Long> lines(List<IndexHit> hits) {
        Set<Long> s = new HashSet<>();
        for (IndexHit h : hits) s.add(h.line());
        return s;
    }

    /** The p-th percentile of {@code nanos}, in milliseconds (nearest rank). */
    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path p : files.toList()) total += Files.size(p);
            return total;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
