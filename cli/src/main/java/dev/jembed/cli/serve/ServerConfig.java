package dev.jembed.cli.serve;

/**
 * How {@code jembed serve} listens and what it accepts; the defaults are TEI's.
 *
 * @param host                  address to bind (127.0.0.1 by default: loopback only)
 * @param port                  port to bind; 0 picks a free one
 * @param modelName             the model id reported by {@code /info} and in OpenAI responses
 * @param maxBatchTokens        tokens per forward pass the batcher aims for (one longer input still runs alone)
 * @param maxClientBatchSize    inputs one request may carry (more: 413)
 * @param maxConcurrentRequests inputs admitted at once, queued or running (more: 429)
 * @param apiKey                the bearer token every route but {@code /health} and {@code /metrics} requires, or null
 * @param payloadLimit          request body cap in bytes (more: 413)
 * @param autoTruncate          truncate over-long inputs when a request does not say ({@code truncate}); false: 422
 * @param drainSeconds          on shutdown, how long in-flight requests may take to finish
 */
public record ServerConfig(
        String host,
        int port,
        String modelName,
        int maxBatchTokens,
        int maxClientBatchSize,
        int maxConcurrentRequests,
        String apiKey,
        int payloadLimit,
        boolean autoTruncate,
        int drainSeconds) {

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        positive("max batch tokens", maxBatchTokens);
        positive("max client batch size", maxClientBatchSize);
        positive("max concurrent requests", maxConcurrentRequests);
        positive("payload limit", payloadLimit);
        if (drainSeconds < 0) throw new IllegalArgumentException("drain seconds must be >= 0, got " + drainSeconds);
        if (apiKey != null && apiKey.isEmpty()) throw new IllegalArgumentException("the API key is empty");
    }

    /** TEI's defaults on 127.0.0.1:{@code port}. */
    public static ServerConfig defaults(String modelName, int port) {
        return new ServerConfig("127.0.0.1", port, modelName, 16384, 32, 512, null, 2_000_000, true, 30);
    }

    public ServerConfig withLimits(int maxBatchTokens, int maxClientBatchSize, int maxConcurrentRequests) {
        return with(maxBatchTokens, maxClientBatchSize, maxConcurrentRequests, apiKey, payloadLimit);
    }

    public ServerConfig withApiKey(String apiKey) {
        return with(maxBatchTokens, maxClientBatchSize, maxConcurrentRequests, apiKey, payloadLimit);
    }

    public ServerConfig withPayloadLimit(int payloadLimit) {
        return with(maxBatchTokens, maxClientBatchSize, maxConcurrentRequests, apiKey, payloadLimit);
    }

    /**
     * This config with the components the withX methods may change (each passes its parameter, which
     * shadows that component, and the components for the rest): the constructor spelled out once, here.
     */
    private ServerConfig with(
            int maxBatchTokens, int maxClientBatchSize, int maxConcurrentRequests, String apiKey, int payloadLimit) {
        return new ServerConfig(
                host,
                port,
                modelName,
                maxBatchTokens,
                maxClientBatchSize,
                maxConcurrentRequests,
                apiKey,
                payloadLimit,
                autoTruncate,
                drainSeconds);
    }

    private static void positive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException(what + " must be positive, got " + v);
    }
}
