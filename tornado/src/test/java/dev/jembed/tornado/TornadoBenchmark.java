package dev.jembed.tornado;

import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.safetensors.SafetensorsWeights;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.TornadoProfilerResult;

/**
 * Not a test: the benchmark of the tornado backend against the cpu backend in one JVM, run by
 * {@code tornado/run-tests.sh --bench} (surefire includes only *Test classes by default). Prints the
 * device, sentences/s of all-MiniLM-L6-v2 on 128 STS-B sentences at batch 1 and 32, and TornadoVM's
 * profile of one padded batch of 32: kernel time per stage, upload and download.
 */
class TornadoBenchmark {

    @Test
    void run() throws Exception {
        List<String> texts = MiniLmStsbParityTest.sentences();
        LoadOptions options = LoadOptions.defaults();
        Path folder;
        StringBuilder table = new StringBuilder(
                "| backend | device | batch 1 sentences/s | batch 32 sentences/s |\n|---|---|---|---|\n");
        for (String backend : List.of("cpu", "tornado")) {
            try (SentenceTransformer model =
                    SentenceTransformer.load(MiniLmStsbParityTest.MODEL, options.withBackend(backend))) {
                folder = model.info().folder();
                double one = throughput(model, texts, 1), batch = throughput(model, texts, 32);
                table.append(String.format(
                        "| %s | %s | %.1f | %.1f |%n", backend, model.info().backend(), one, batch));
            }
        }
        System.out.print(table);
        try (SentenceTransformer model = SentenceTransformer.load(MiniLmStsbParityTest.MODEL, options)) {
            folder = model.info().folder();
        }
        stages(folder);
    }

    /** Sentences per second over the texts, best of three rounds after one warm-up round. */
    static double throughput(SentenceTransformer model, List<String> texts, int batch) {
        EncodeOptions o = EncodeOptions.defaults().withBatchSize(batch);
        model.encode(texts, o);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            model.encode(texts, o);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return texts.size() / (best / 1e9);
    }

    /** TornadoVM's profile of one padded batch of 32 sequences of 16 tokens, by stage. */
    static void stages(Path folder) throws Exception {
        EncoderConfig config = EncoderConfig.read(folder.resolve("config.json"));
        try (Weights weights = SafetensorsWeights.open(folder);
                TornadoEncoder encoder = (TornadoEncoder) new TornadoBackend()
                        .load(weights, config, EngineOptions.defaults().withBackend("tornado"))) {
            Random random = new Random(7);
            int[][] ids = new int[32][16];
            for (int[] seq : ids) for (int i = 0; i < seq.length; i++) seq[i] = 1000 + random.nextInt(20000);
            encoder.forward(ids, null);
            long t0 = System.nanoTime();
            encoder.forward(ids, null);
            long wall = System.nanoTime() - t0;
            TornadoProfilerResult p = encoder.lastResult().getProfilerResult();
            System.out.printf("one pass, 32 x 16 tokens on %s: wall %.2f ms%n", encoder.device(), wall / 1e6);
            if (p == null || p.getProfileLog() == null) {
                System.out.println("(no TornadoVM profile: run with -Djembed.tornado.profile=true)");
                return;
            }
            System.out.printf(
                    "  TornadoVM total %.2f ms, kernels %.2f ms, upload %.3f ms (%d bytes), download %.3f ms (%d bytes)%n",
                    p.getTotalTime() / 1e6,
                    p.getDeviceKernelTime() / 1e6,
                    p.getDeviceWriteTime() / 1e6,
                    p.getTotalBytesCopyIn(),
                    p.getDeviceReadTime() / 1e6,
                    p.getTotalBytesCopyOut());
            Map<String, Long> byStage = new TreeMap<>();
            Matcher m = Pattern.compile(
                            "\"jembed\\d+\\.([a-z]+)[0-9_]*\"\\s*:\\s*\\{[^}]*?\"TASK_KERNEL_TIME\"\\s*:\\s*\"(\\d+)\"")
                    .matcher(p.getProfileLog());
            while (m.find()) byStage.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            byStage.forEach((stage, ns) -> System.out.printf("  %-10s %8.3f ms%n", stage, ns / 1e6));
            // the graph's own totals, as TornadoVM's profile log names them
            for (String key : List.of(
                    "COPY_IN_TIME",
                    "TOTAL_COPY_IN_SIZE_BYTES",
                    "COPY_OUT_TIME",
                    "TOTAL_COPY_OUT_SIZE_BYTES",
                    "TOTAL_KERNEL_TIME",
                    "TOTAL_DISPATCH_KERNEL_TIME",
                    "TOTAL_DISPATCH_DATA_TRANSFERS_TIME",
                    "TOTAL_TASK_GRAPH_TIME")) {
                Matcher k =
                        Pattern.compile("\"" + key + "\"\\s*:\\s*\"(\\d+)\"").matcher(p.getProfileLog());
                if (k.find()) System.out.printf("  %-36s %s%n", key, k.group(1));
            }
            if (byStage.isEmpty()) System.out.println(p.getProfileLog());
        }
    }
}
