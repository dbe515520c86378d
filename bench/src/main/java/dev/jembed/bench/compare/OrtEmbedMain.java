package dev.jembed.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The ONNX Runtime twin of {@code jembed embed}, for the whole-process comparisons
 * (bench/whole-process.sh, bench/cold-start-and-rss.sh): embeds every line of a file (or of standard
 * input, "-") with all-MiniLM-L6-v2 in batches of 32 taken longest first (as jembed and
 * sentence-transformers batch), and writes one JSON array per line in input order to OUT (as
 * {@code jembed embed --format jsonl}), or prints the first value of the first embedding.
 * Usage: {@code OrtEmbedMain FILE|- [threads] [OUT]}.
 */
public final class OrtEmbedMain {
    private OrtEmbedMain() {}

    public static void main(String[] args) throws Exception {
        List<String> lines = args[0].equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList()
                : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jembed-ort-model");
        Files.createDirectories(dir);
        Path onnx = extractOnce("all-minilm-l6-v2.onnx", dir);
        Path tokenizer = extractOnce("bert-tokenizer.json", dir);
        Integer[] order = new Integer[lines.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(
                order,
                (x, y) -> Integer.compare(lines.get(y).length(), lines.get(x).length()));
        float[][] vectors = new float[lines.size()][];
        try (OrtEmbedder ort = new OrtEmbedder(onnx, tokenizer, threads, 256)) {
            for (int i = 0; i < order.length; i += 32) {
                int end = Math.min(order.length, i + 32);
                java.util.List<String> batch = new java.util.ArrayList<>(end - i);
                for (int j = i; j < end; j++) batch.add(lines.get(order[j]));
                float[][] e = ort.embed(batch);
                for (int j = i; j < end; j++) vectors[order[j]] = e[j - i];
            }
        }
        if (args.length > 2) {
            try (java.io.Writer w = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
                StringBuilder b = new StringBuilder();
                for (float[] v : vectors) {
                    b.setLength(0);
                    b.append('[');
                    for (int d = 0; d < v.length; d++)
                        b.append(d == 0 ? "" : ",").append(v[d]);
                    w.append(b).append("]\n");
                }
            }
        } else {
            System.out.println(
                    lines.size() + " embeddings, first value " + (vectors.length == 0 ? Float.NaN : vectors[0][0]));
        }
    }

    /** Like a model already on disk: extracted on the first run only, so cold start measures loading, not unzipping. */
    private static Path extractOnce(String resource, Path dir) throws IOException {
        Path out = dir.resolve(resource);
        if (Files.exists(out)) return out;
        try (InputStream in = OrtEmbedMain.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IOException("resource " + resource + " is not on the class path");
            Path tmp = Files.createTempFile(dir, resource, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }
}
