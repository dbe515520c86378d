package dev.jembed.cli.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A running {@link EmbeddingServer} on a free loopback port serving the embedded all-MiniLM-L6-v2,
 * plus the same model instance for in-process reference vectors, and a small HTTP client.
 */
final class ServeFixture implements AutoCloseable {
    static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";
    /** Reads floats as decimals, so each one converts to float32 exactly once. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    final SentenceTransformer model;
    final EmbeddingServer server;
    final String url;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** An HTTP answer. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    ServeFixture(ServerConfig config) throws IOException {
        this(config, 2);
    }

    /** With {@code threads} encoder threads. */
    ServeFixture(ServerConfig config, int threads) throws IOException {
        model = SentenceTransformer.load(MODEL, LoadOptions.defaults().withThreads(threads));
        server = EmbeddingServer.start(config, "test");
        server.ready(model);
        url = server.url();
    }

    static ServerConfig config() {
        return ServerConfig.defaults(MODEL, 0);
    }

    Reply post(String path, String body, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    Reply post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), headers);
    }

    private Reply send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) request.headers(headers);
        request.timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON array of numbers as float32 values, each parsed from its decimal text. */
    static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) v[i] = array.get(i).decimalValue().floatValue();
        return v;
    }

    /** Stops the server, which closes the model. */
    @Override
    public void close() {
        server.close();
        http.close();
    }
}
