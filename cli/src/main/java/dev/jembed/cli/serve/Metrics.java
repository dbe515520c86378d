package dev.jembed.cli.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The server's Prometheus metrics, rendered in the text exposition format by {@link #render}:
 * requests by route and status and their duration, time inputs wait in the queue, forward-pass
 * batch sizes and tokens, inputs embedded, and the inputs waiting or running right now.
 */
final class Metrics {
    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    private static final double[] TOKENS = {16, 64, 256, 1024, 2048, 4096, 8192, 16384, 32768};

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    final Histogram requestSeconds = new Histogram(SECONDS);
    final Histogram queueSeconds = new Histogram(SECONDS);
    final Histogram inferenceSeconds = new Histogram(SECONDS);
    final Histogram batchSize = new Histogram(SIZES);
    final Histogram batchTokens = new Histogram(TOKENS);
    final AtomicLong inputsEmbedded = new AtomicLong();
    final AtomicLong tokensEmbedded = new AtomicLong();
    final AtomicLong inputsInFlight = new AtomicLong();
    final AtomicLong requestsInProgress = new AtomicLong();
    final AtomicLong abortedResponses = new AtomicLong();

    /** Counts one answered request. */
    void request(String route, int status, long nanos) {
        requests.computeIfAbsent(route + "\u0000" + status, k -> new AtomicLong())
                .incrementAndGet();
        requestSeconds.observe(nanos / 1e9);
    }

    String render() {
        StringBuilder b = new StringBuilder(4096);
        header(b, "jembed_request_count", "counter", "Requests answered, by route and HTTP status.");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] k = e.getKey().split("\u0000");
            b.append("jembed_request_count{route=\"")
                    .append(k[0])
                    .append("\",status=\"")
                    .append(k[1])
                    .append("\"} ")
                    .append(e.getValue().get())
                    .append('\n');
        });
        requestSeconds.render(b, "jembed_request_duration_seconds", "Time from reading a request to its answer.");
        queueSeconds.render(b, "jembed_queue_duration_seconds", "Time an input waited for its forward pass.");
        inferenceSeconds.render(b, "jembed_inference_duration_seconds", "Time of one forward pass (a batch).");
        batchSize.render(b, "jembed_batch_size", "Inputs per forward pass.");
        batchTokens.render(b, "jembed_batch_tokens", "Tokens per forward pass.");
        sample(b, "jembed_inputs_embedded_total", "counter", "Inputs embedded.", inputsEmbedded.get());
        sample(b, "jembed_tokens_embedded_total", "counter", "Tokens run through the encoder.", tokensEmbedded.get());
        sample(
                b,
                "jembed_responses_aborted_total",
                "counter",
                "Responses the client did not take (it disconnected).",
                abortedResponses.get());
        sample(
                b,
                "jembed_inputs_in_flight",
                "gauge",
                "Inputs admitted and not answered yet (the bounded queue).",
                inputsInFlight.get());
        sample(
                b,
                "jembed_requests_in_progress",
                "gauge",
                "Requests being read, embedded or answered (health and metrics not counted).",
                requestsInProgress.get());
        return b.toString();
    }

    /** One counter or gauge: its HELP and TYPE lines and its value. */
    private static void sample(StringBuilder b, String name, String type, String help, long value) {
        header(b, name, type, help);
        b.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append("\n# TYPE ")
                .append(name)
                .append(' ')
                .append(type)
                .append('\n');
    }

    /** A Prometheus histogram with fixed upper bounds. */
    static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final AtomicLong count = new AtomicLong();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts.incrementAndGet(i);
                    break;
                }
            }
            sum.add(v);
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }

        private void render(StringBuilder b, String name, String help) {
            header(b, name, "histogram", help);
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts.get(i);
                b.append(name)
                        .append("_bucket{le=\"")
                        .append(bounds[i])
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            b.append(name).append("_bucket{le=\"+Inf\"} ").append(count.get()).append('\n');
            b.append(name).append("_sum ").append(sum.sum()).append('\n');
            b.append(name).append("_count ").append(count.get()).append('\n');
        }
    }
}
