package dev.jembed.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The embedding server: the JDK's HTTP server with one virtual thread per exchange, the OpenAI and
 * TEI routes, the API key check, the body cap and the lifecycle. {@link #start} binds at once and
 * answers 503 until {@link #ready} hands it the loaded model; {@link #shutdown} stops accepting,
 * lets in-flight requests finish (up to {@code drainSeconds}), then releases the model.
 *
 * <p>Slow clients: a request must arrive in full within {@code sun.net.httpserver.maxReqTime}
 * seconds (30 unless set) and its answer be taken within {@code sun.net.httpserver.maxRspTime}
 * (300 unless set); the JDK server closes the connection otherwise. A stalled client holds only a
 * parked virtual thread meanwhile.
 */
public final class EmbeddingServer implements AutoCloseable {
    private static final Set<String> ROUTES = Set.of(
            "/v1/embeddings", "/embeddings", "/embed", "/similarity", "/tokenize", "/info", "/health", "/metrics");

    static {
        // read once, when the JDK's server classes initialize: set before the first HttpServer
        defaultProperty("sun.net.httpserver.maxReqTime", "30");
        defaultProperty("sun.net.httpserver.maxRspTime", "300");
        // headers and body go out in separate writes: without this, Nagle's algorithm and delayed
        // ACKs can hold a small response back for tens of milliseconds
        defaultProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ServerConfig config;
    private final String version;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Metrics metrics = new Metrics();
    private final byte[] expectedAuthorization;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile Routes routes;
    private volatile boolean draining;
    private SentenceTransformer model;
    private Batcher batcher;

    private record Routes(OpenAiRoute openAi, TeiRoutes tei) {}

    private EmbeddingServer(ServerConfig config, String version) throws IOException {
        this.config = config;
        this.version = version;
        this.expectedAuthorization =
                config.apiKey() == null ? null : ("Bearer " + config.apiKey()).getBytes(StandardCharsets.UTF_8);
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
    }

    /** Binds and starts answering; every route but {@code /metrics} answers 503 until {@link #ready}. */
    public static EmbeddingServer start(ServerConfig config, String version) throws IOException {
        EmbeddingServer server = new EmbeddingServer(config, version);
        server.http.start();
        return server;
    }

    /** Starts serving {@code model}; the server owns it from now on and closes it on shutdown. */
    public void ready(SentenceTransformer model) {
        synchronized (lifecycle) {
            if (draining) {
                model.close();
                return;
            }
            this.model = model;
            this.batcher = new Batcher(model, config.maxBatchTokens(), metrics);
            EmbeddingService service = new EmbeddingService(model, batcher, config, metrics);
            this.routes = new Routes(new OpenAiRoute(service, config), new TeiRoutes(model, service, config, version));
        }
    }

    /** The port bound (the chosen one when the configuration said 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://host:port}, as printed when ready. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    /**
     * Stops accepting connections, waits for in-flight requests (at most {@code drainSeconds}),
     * then stops the batcher and closes the model. Idempotent; later calls return at once.
     */
    public void shutdown() {
        synchronized (lifecycle) {
            if (draining) return;
            draining = true;
        }
        http.stop(config.drainSeconds());
        executor.close();
        synchronized (lifecycle) {
            if (batcher != null) batcher.close();
            if (model != null) model.close();
        }
        stopped.countDown();
    }

    /** Blocks until {@link #shutdown} has finished. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        shutdown();
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        boolean openAi = path.equals("/v1/embeddings") || path.equals("/embeddings");
        boolean counted = !path.equals("/metrics") && !path.equals("/health");
        if (counted) metrics.requestsInProgress.incrementAndGet();
        try {
            answer(exchange, path, openAi, start);
        } finally {
            if (counted) metrics.requestsInProgress.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, String path, boolean openAi, long start) {
        Response response;
        try {
            response = dispatch(exchange, path);
        } catch (ApiException e) {
            response = openAi ? Response.openAiError(e) : Response.teiError(e);
        } catch (IOException e) {
            // the client went away while sending its request: nobody to answer
            metrics.abortedResponses.incrementAndGet();
            exchange.close();
            return;
        } catch (InterruptedException e) {
            ApiException a = ApiException.unavailable("the server is shutting down");
            response = openAi ? Response.openAiError(a) : Response.teiError(a);
        } catch (RuntimeException | Error e) {
            ApiException a = new ApiException(424, "Backend", "inference failed: " + e);
            response = openAi ? Response.openAiError(a) : Response.teiError(a);
        }
        send(exchange, response);
        metrics.request(ROUTES.contains(path) ? path : "other", response.status(), System.nanoTime() - start);
    }

    private Response dispatch(HttpExchange exchange, String path) throws IOException, InterruptedException {
        Routes r = routes;
        switch (path) {
            case "/health" -> {
                method(exchange, "GET");
                if (r == null || draining)
                    throw ApiException.unavailable(draining ? "the server is shutting down" : "the model is loading");
                return new Response(200, "text/plain", new byte[0]);
            }
            case "/metrics" -> {
                method(exchange, "GET");
                return Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
            }
            default -> {}
        }
        authorize(exchange);
        if (!ROUTES.contains(path)) throw new ApiException(404, "NotFound", "no route " + path);
        if (r == null) throw ApiException.unavailable("the model is loading");
        if (draining) throw ApiException.unavailable("the server is shutting down");
        return switch (path) {
            case "/info" -> {
                method(exchange, "GET");
                yield r.tei().info();
            }
            case "/embed" -> r.tei().embed(body(exchange));
            case "/similarity" -> r.tei().similarity(body(exchange));
            case "/tokenize" -> r.tei().tokenize(body(exchange));
            default -> r.openAi().handle(body(exchange));
        };
    }

    private void authorize(HttpExchange exchange) {
        if (expectedAuthorization == null) return;
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        // constant time: the comparison must not tell how much of a guess was right
        if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new ApiException(
                    401, "Unauthorized", "missing or wrong API key (send the header 'Authorization: Bearer <key>')");
        }
    }

    private static void method(HttpExchange exchange, String expected) {
        if (!exchange.getRequestMethod().equals(expected)) {
            exchange.getResponseHeaders().set("Allow", expected);
            throw new ApiException(
                    405, "Validation", exchange.getRequestMethod() + " is not allowed here; use " + expected);
        }
    }

    /** The request body, at most {@code payloadLimit} bytes (413 beyond, without reading the rest). */
    private byte[] body(HttpExchange exchange) throws IOException {
        method(exchange, "POST");
        int limit = config.payloadLimit();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bad Content-Length '" + declared + "'");
            }
            if (n > limit) throw payloadTooLarge(exchange, n + " bytes");
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) throw payloadTooLarge(exchange, "more than " + limit + " bytes");
            return body;
        }
    }

    private static ApiException payloadTooLarge(HttpExchange exchange, String size) {
        // the unread rest of the body makes the connection unusable for another request
        exchange.getResponseHeaders().set("Connection", "close");
        return ApiException.tooLarge("request body of " + size + " exceeds the limit (--payload-limit)");
    }

    private void send(HttpExchange exchange, Response response) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            metrics.abortedResponses.incrementAndGet(); // the client disconnected mid-response
        }
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) System.setProperty(name, value);
    }
}
