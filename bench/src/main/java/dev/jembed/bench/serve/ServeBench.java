package dev.jembed.bench.serve;

import dev.jembed.bench.BenchArgs;
import dev.jembed.cli.serve.EmbeddingServer;
import dev.jembed.cli.serve.ServerConfig;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code jembed serve} against in-process {@code SentenceTransformer.encode} on the same inputs:
 * requests per second and p50 / p99 latency at 1, 8 and 64 concurrent clients, for one short query
 * per request and for batches of 32 short queries. Each client sends its next request when the
 * previous one is answered; in-process, each "client" is a thread calling encode with the same
 * texts. The server runs in this JVM on a loopback port (OpenAI route, base64 answers) and the
 * HTTP clients are the JDK's HttpClient on virtual threads, so the HTTP numbers include the
 * clients' own work on the same cores.
 *
 * <p>Run (after {@code ./mvnw -B -ntp -q package -DskipTests}): {@code bench/serve-bench.sh}
 * [--clients 1,8,64] [--queries N] [--batches N] [--threads N].
 */
public final class ServeBench {
    private static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";

    private ServeBench() {}

    /** What one measured run gives. */
    private record Result(double requestsPerSecond, double p50Millis, double p99Millis) {}

    /** One unit of work for client {@code i}. */
    @FunctionalInterface
    private interface Call {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int[] clients = {1, 8, 64};
        int queries = 3000;
        int batches = 150;
        int threads = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = BenchArgs.ints(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> texts = shortQueries();
        try (SentenceTransformer model =
                        SentenceTransformer.load(MODEL, LoadOptions.defaults().withThreads(threads));
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            EmbeddingServer server =
                    EmbeddingServer.start(ServerConfig.defaults(MODEL, 0).withLimits(16384, 32, 1 << 16), "bench");
            server.ready(model);
            URI url = URI.create(server.url() + "/v1/embeddings");
            System.out.printf(
                    "# jembed serve benchmark, %s UTC, %d cores, encoder threads %d, %s%n",
                    Instant.now(),
                    Runtime.getRuntime().availableProcessors(),
                    model.info().threads(),
                    model.info().kernels());
            // warm-up: both paths, until the JIT has compiled the kernels and the HTTP stack
            measure(8, 400, i -> model.encode(List.of(texts.get(i % texts.size()))), false);
            measure(8, 400, i -> post(http, url, batch(texts, i, 1)), true);
            System.out.println(
                    "| workload | clients | in-process req/s | p50 ms | p99 ms | HTTP req/s | p50 ms | p99 ms | serving overhead |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int size : new int[] {1, 32}) {
                int total = size == 1 ? queries : batches;
                for (int c : clients) {
                    Result local = measure(c, total, i -> model.encode(batch(texts, i, size)), false);
                    Result remote = measure(c, total, i -> post(http, url, batch(texts, i, size)), true);
                    System.out.printf(
                            "| %s | %d | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %+.1f%% |%n",
                            size == 1 ? "1 short query" : "batch of 32",
                            c,
                            local.requestsPerSecond(),
                            local.p50Millis(),
                            local.p99Millis(),
                            remote.requestsPerSecond(),
                            remote.p50Millis(),
                            remote.p99Millis(),
                            100 * (local.requestsPerSecond() / remote.requestsPerSecond() - 1));
                }
            }
            server.shutdown(); // closes the model too (closing twice is harmless)
        }
    }

    /** {@code size} consecutive queries starting at request {@code i}'s position. */
    private static List<String> batch(List<String> texts, int i, int size) {
        List<String> b = new ArrayList<>(size);
        for (int k = 0; k < size; k++) b.add(texts.get((i * size + k) % texts.size()));
        return b;
    }

    private static void post(HttpClient http, URI url, List<String> texts) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"model\":\"x\",\"encoding_format\":\"base64\",\"input\":[");
        for (int k = 0; k < texts.size(); k++)
            body.append(k == 0 ? "\"" : ",\"")
                    .append(texts.get(k).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                body.append("]}").toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
    }

    /** {@code total} calls spread over {@code clients} concurrent callers, each waiting for its answer. */
    private static Result measure(int clients, int total, Call call, boolean virtual) throws InterruptedException {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Runnable client = () -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    long t0 = System.nanoTime();
                    try {
                        call.run(i);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
            };
            running.add(
                    virtual
                            ? Thread.ofVirtual().start(client)
                            : Thread.ofPlatform().start(client));
        }
        for (Thread t : running) t.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(
                total / seconds,
                latencies[total / 2] / 1e6,
                latencies[(int) Math.min(total - 1, Math.ceil(total * 0.99) - 1)] / 1e6);
    }

    /** Short queries: the first six to ten words of each line of the benchmark corpus. */
    private static List<String> shortQueries() throws IOException {
        List<String> out = new ArrayList<>();
        try (var in = ServeBench.class.getResourceAsStream("/bench-corpus.txt")) {
            if (in == null) throw new IOException("bench-corpus.txt is not on the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                String[] words = line.strip().split("\\s+");
                if (words.length < 6) continue;
                out.add(String.join(" ", Arrays.copyOf(words, Math.min(words.length, 6 + n++ % 5))));
            }
        }
        return out;
    }
}
