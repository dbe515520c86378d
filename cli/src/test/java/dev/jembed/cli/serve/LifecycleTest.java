package dev.jembed.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** 503 while the model loads, 200 once it is ready, and a shut-down server is closed for good. */
class LifecycleTest {

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unavailableWhileLoadingThenReadyThenClosed() throws Exception {
        EmbeddingServer server = EmbeddingServer.start(ServeFixture.config(), "test");
        try (HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI embed = URI.create(server.url() + "/embed");
            URI health = URI.create(server.url() + "/health");
            var loading = send(
                    http,
                    HttpRequest.newBuilder(embed).POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":\"hello\"}")));
            assertEquals(503, loading.statusCode());
            assertTrue(loading.body().contains("\"error_type\":\"Unhealthy\""), loading.body());
            assertEquals(503, send(http, HttpRequest.newBuilder(health)).statusCode());
            assertEquals(
                    200,
                    send(http, HttpRequest.newBuilder(URI.create(server.url() + "/metrics")))
                            .statusCode());

            SentenceTransformer model = SentenceTransformer.load(
                    ServeFixture.MODEL, LoadOptions.defaults().withThreads(1));
            server.ready(model);
            assertEquals(200, send(http, HttpRequest.newBuilder(health)).statusCode());
            assertEquals(
                    200,
                    send(
                                    http,
                                    HttpRequest.newBuilder(embed)
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":\"hello\"}")))
                            .statusCode());

            server.shutdown();
            assertThrows(
                    IllegalStateException.class, () -> model.encode("hello"), "the server closes the model it owns");
            assertThrows(java.io.IOException.class, () -> send(http, HttpRequest.newBuilder(health)));
        } finally {
            server.shutdown();
        }
    }
}
