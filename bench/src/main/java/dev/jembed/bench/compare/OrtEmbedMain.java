package dev.jembed.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The ONNX Runtime twin of {@code jembed embed}, for the cold-start and peak-RSS comparison
 * (bench/cold-start-and-rss.sh): embeds every line of a file (or of standard input, "-") with
 * all-MiniLM-L6-v2 in batches of 32 and prints the first value of the first embedding.
 * Usage: {@code OrtEmbedMain FILE|- [threads]}.
 */
public final class OrtEmbedMain {
    private OrtEmbedMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = args[0].equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jembed-ort-model");
        Files.createDirectories(dir);
        Path onnx = extractOnce("all-minilm-l6-v2.onnx", dir);
        Path tokenizer = extractOnce("bert-tokenizer.json", dir);
        float first = Float.NaN;
        try (OrtEmbedder ort = new OrtEmbedder(onnx, tokenizer, threads, 256)) {
            for (int i = 0; i < lines.size(); i += 32) {
                float[][] e = ort.embed(lines.subList(i, Math.min(lines.size(), i + 32)));
                if (i == 0) first = e[0][0];
            }
        }
        System.out.println(lines.size() + " embeddings, first value " + first);
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
