package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.pooling.SentenceTransformer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jembed serve} as a process: it announces its address, and on SIGTERM lets a request that
 * is still arriving finish with its answer before it exits with status 0.
 */
class ServeCommandTest {
    /** Pause between two looks at the server's state (polling, not a guess at how long something takes). */
    private static final long POLL_MILLIS = 20;

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void usageErrors() {
        assertEquals(Main.USAGE, Cli.run("serve", "--port", "70000").status());
        assertEquals(Main.USAGE, Cli.run("serve", "--auto-truncate", "maybe").status());
        assertEquals(Main.USAGE, Cli.run("serve", "some", "text").status());
        assertTrue(Cli.run("serve", "--help").out().contains("--max-client-batch-size"));
    }

    @Test
    @Timeout(180)
    void sigtermDrainsARequestInFlightThenExitsZero() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(
                        java,
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--port",
                        "0",
                        "--threads",
                        "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        // standard error is read to its end by its own thread: the address comes from it, and the
        // pipe must be drained before the process's exit closes it
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader err =
                    new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    stderr.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) listening.complete(m.group(1));
                }
            } catch (IOException e) {
                stderr.add("(reading standard error failed: " + e + ")");
            }
            listening.complete(null);
        });
        try (HttpClient http = HttpClient.newHttpClient()) {
            String url = listening.get(120, TimeUnit.SECONDS);
            assertTrue(url != null, "no 'listening on' line: " + stderr);
            assertEquals(
                    200,
                    http.send(
                                    HttpRequest.newBuilder(URI.create(url + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());

            URI uri = URI.create(url);
            byte[] body = "{\"inputs\":\"hello\"}".getBytes(StandardCharsets.US_ASCII);
            try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                out.write(
                        ("POST /embed HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                                        + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, 10);
                out.flush();
                // the request is in flight once its handler runs (the gauge counts it)
                while (!metrics(http, url).contains("jembed_requests_in_progress 1")) Thread.sleep(POLL_MILLIS);
                server.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)
                // the listener closes while the request waits: then it may complete
                while (isListening(uri)) Thread.sleep(POLL_MILLIS);
                out.write(body, 10, body.length - 10);
                out.flush();
                var response = new ByteArrayOutputStream();
                s.getInputStream().transferTo(response);
                String text = response.toString(StandardCharsets.UTF_8);
                assertTrue(text.startsWith("HTTP/1.1 200"), text);
                try (SentenceTransformer model = SentenceTransformer.load(ModelArgs.DEFAULT_MODEL)) {
                    assertTrue(text.contains("[[" + model.encode("hello")[0] + ","), text);
                }
            }
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "still running after the drain");
            reader.join();
            assertEquals(0, server.exitValue(), String.join("\n", stderr));
            assertTrue(stderr.contains("jembed: stopped"), String.join("\n", stderr));
        } finally {
            server.destroyForcibly();
        }
    }

    private static String metrics(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static boolean isListening(URI uri) {
        try (Socket _ = new Socket(uri.getHost(), uri.getPort())) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
