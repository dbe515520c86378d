package dev.jembed.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 concurrent clients send 10,240 requests (one to three texts of 1 to 24 words, through the
 * OpenAI route as base64 and as floats and through TEI's /embed) to a server admitting only 56
 * inputs at once, so the queue-full path (429) is taken again and again; a client retries a 429
 * after a short backoff, as real clients do. Every request must end in 200 and every vector must
 * be bit-identical to its text embedded alone, whatever the dynamic batcher put it with.
 *
 * <p>The real all-MiniLM-L6-v2 on short texts: the batch invariance this checks lives in its
 * kernels (tiled matmuls, attention, layer norm at its real sizes), which a toy model would not
 * exercise the same way; short texts keep the run to seconds on two cores.
 */
@Tag("slow")
class LoadTest {
    private static final int CLIENTS = 64;
    private static final int REQUESTS_PER_CLIENT = 160;
    private static final int MAX_CONCURRENT_INPUTS = 56;
    private static final String[] WORDS =
            ("the of and to in is was for on that with as by at from his her an have are were which "
                            + "be this has had not but they their one all also been new more after first two other can about when time only "
                            + "into its may some would who over city music river science history market season water energy company school "
                            + "language system network model vector search query engine server batch token quickly slowly between during")
                    .split(" ");

    private record Sent(int status, float[][] vectors) {}

    @Test
    @Timeout(600)
    void concurrentClientsGetVectorsBitIdenticalToSingleRequests() throws Exception {
        ServerConfig config = ServeFixture.config().withLimits(16384, 8, MAX_CONCURRENT_INPUTS);
        // one encoder thread: the other core serves HTTP and the clients (and nothing spins on a shared machine)
        try (ServeFixture serve = new ServeFixture(config, 1);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .executor(clients)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build()) {
            Random random = new Random(13);
            List<String> pool = new ArrayList<>();
            for (int i = 0; i < 128; i++) pool.add(text(random));
            float[][] alone = new float[pool.size()][];
            for (int i = 0; i < pool.size(); i++) alone[i] = serve.model.encode(List.of(pool.get(i)))[0];

            Queue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicLong overloaded = new AtomicLong();
            AtomicLong inputs = new AtomicLong();
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long seed = c;
                running.add(clients.submit(() -> {
                    Random r = new Random(seed);
                    for (int q = 0; q < REQUESTS_PER_CLIENT; q++) {
                        int n = r.nextInt(8) == 0 ? 2 + r.nextInt(2) : 1;
                        int[] picks = r.ints(n, 0, pool.size()).toArray();
                        int route = r.nextInt(5);
                        try {
                            Sent sent;
                            for (int attempt = 0;
                                    (sent = send(http, serve.url, route, pool, picks)).status() == 429;
                                    attempt++) {
                                overloaded.incrementAndGet();
                                // exponential backoff with jitter before retrying, as real clients do
                                Thread.sleep(r.nextInt(2 << Math.min(attempt, 6)));
                            }
                            if (sent.status() != 200) {
                                errors.add("status " + sent.status());
                                continue;
                            }
                            for (int k = 0; k < n; k++) {
                                if (!Arrays.equals(alone[picks[k]], sent.vectors()[k])) {
                                    errors.add("vector of '" + pool.get(picks[k])
                                            + "' differs from the text embedded alone (route " + route + ")");
                                }
                            }
                            inputs.addAndGet(n);
                        } catch (Exception e) {
                            errors.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
            double seconds = (System.nanoTime() - start) / 1e9;

            String metrics = serve.get("/metrics").body();
            long batches = metric(metrics, "jembed_batch_size_count");
            long embedded = metric(metrics, "jembed_inputs_embedded_total");
            System.out.printf(
                    "load test: %d requests (%d inputs) from %d clients in %.1f s, %d answered 429 and retried, "
                            + "%d forward passes (%.1f inputs per pass), %d errors%n",
                    CLIENTS * REQUESTS_PER_CLIENT,
                    inputs.get(),
                    CLIENTS,
                    seconds,
                    overloaded.get(),
                    batches,
                    (double) embedded / batches,
                    errors.size());
            assertTrue(errors.isEmpty(), errors.size() + " errors, e.g. " + errors.peek());
            assertEquals(inputs.get(), embedded, "every admitted input embedded once");
            assertTrue(overloaded.get() > 0, "the queue-full path was never taken");
            assertTrue(embedded > batches, "no two requests were ever batched together");
        }
    }

    private static String text(Random random) {
        int roll = random.nextInt(100);
        int words = roll < 70 ? 1 + random.nextInt(3) : roll < 95 ? 4 + random.nextInt(5) : 9 + random.nextInt(16);
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < words; w++) b.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        return b.toString();
    }

    /** Route 0-2: OpenAI base64, 3: OpenAI floats, 4: TEI /embed. */
    private static Sent send(HttpClient http, String url, int route, List<String> pool, int[] picks) throws Exception {
        StringBuilder texts = new StringBuilder("[");
        for (int k = 0; k < picks.length; k++)
            texts.append(k == 0 ? "\"" : ",\"").append(pool.get(picks[k])).append('"');
        texts.append(']');
        String body = route == 4
                ? "{\"inputs\":" + texts + "}"
                : "{\"model\":\"x\",\"input\":" + texts + ",\"encoding_format\":\"" + (route < 3 ? "base64" : "float")
                        + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + (route == 4 ? "/embed" : "/v1/embeddings")))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) return new Sent(response.statusCode(), null);
        JsonNode json = ServeFixture.JSON.readTree(response.body());
        float[][] vectors = new float[picks.length][];
        for (int k = 0; k < picks.length; k++) {
            vectors[k] = route == 4
                    ? ServeFixture.floats(json.get(k))
                    : route < 3
                            ? decode(json.get("data").get(k).get("embedding").asText())
                            : ServeFixture.floats(json.get("data").get(k).get("embedding"));
        }
        return new Sent(200, vectors);
    }

    private static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(v);
        return v;
    }

    private static long metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)").matcher(metrics);
        if (!m.find()) throw new AssertionError(name + " not in the metrics");
        return Long.parseLong(m.group(1));
    }
}
