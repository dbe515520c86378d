package dev.jembed.cli.serve;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import dev.jembed.pooling.TokenizedText;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dynamic batching: the inputs of concurrent requests wait in one FIFO queue; a single worker
 * thread takes, each time the encoder is free, as many queued inputs as fit in
 * {@code maxBatchTokens} tokens (at least one) and embeds them in one call, where the pipeline runs
 * them longest first. Inputs that need different output settings (normalization, dimensions) go
 * through separate calls of the same round.
 *
 * <p>Why this is safe: jembed's encoder computes each sequence without padding and with a fixed
 * reduction order, so a vector does not depend on what else is in its batch; the load test checks
 * that every served vector is bit-identical to the input embedded alone. A call that fails is
 * retried request by request, so one bad request cannot fail the others of its batch.
 *
 * <p>The queue itself is unbounded: admission is bounded before it, by
 * {@link EmbeddingService}'s permits (429 when they run out).
 */
final class Batcher implements AutoCloseable {
    private final SentenceTransformer model;
    private final int maxBatchTokens;
    private final Metrics metrics;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closing;

    /** One request's inputs: where its vectors go and when it is complete. */
    private static final class Job {
        final float[][] vectors;
        final AtomicInteger remaining;
        final CompletableFuture<float[][]> done = new CompletableFuture<>();
        final EncodeOptions options;
        final long enqueuedNanos = System.nanoTime();

        Job(int n, EncodeOptions options) {
            this.vectors = new float[n][];
            this.remaining = new AtomicInteger(n);
            this.options = options;
        }
    }

    private record Item(Job job, int index, TokenizedText text) {}

    Batcher(SentenceTransformer model, int maxBatchTokens, Metrics metrics) {
        this.model = model;
        this.maxBatchTokens = maxBatchTokens;
        this.metrics = metrics;
        this.worker = Thread.ofPlatform().name("jembed-batcher").daemon().start(this::loop);
    }

    /**
     * Queues one request's inputs; the future completes with their vectors in order. {@code options}
     * must be one shared instance per distinct setting: inputs are grouped by identity.
     */
    CompletableFuture<float[][]> submit(List<TokenizedText> inputs, EncodeOptions options) {
        Job job = new Job(inputs.size(), options);
        if (closing) {
            job.done.completeExceptionally(ApiException.unavailable("the server is shutting down"));
            return job.done;
        }
        for (int i = 0; i < inputs.size(); i++) queue.add(new Item(job, i, inputs.get(i)));
        if (!worker.isAlive()) job.done.completeExceptionally(ApiException.unavailable("the server is shutting down"));
        return job.done;
    }

    private void loop() {
        List<Item> batch = new ArrayList<>();
        while (true) {
            Item first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                if (closing) break;
                continue;
            }
            batch.add(first);
            long tokens = first.text().length();
            // only this thread takes from the queue, so what peek shows is what poll returns
            for (Item next = queue.peek();
                    next != null && tokens + next.text().length() <= maxBatchTokens;
                    next = queue.peek()) {
                batch.add(queue.poll());
                tokens += next.text().length();
            }
            run(batch, tokens);
            batch.clear();
        }
        for (Item left; (left = queue.poll()) != null; ) {
            left.job().done.completeExceptionally(ApiException.unavailable("the server is shutting down"));
        }
    }

    private void run(List<Item> batch, long tokens) {
        long start = System.nanoTime();
        metrics.batchSize.observe(batch.size());
        metrics.batchTokens.observe(tokens);
        Map<EncodeOptions, List<Item>> groups = new IdentityHashMap<>();
        for (Item item : batch) {
            metrics.queueSeconds.observe((start - item.job().enqueuedNanos) / 1e9);
            groups.computeIfAbsent(item.job().options, k -> new ArrayList<>()).add(item);
        }
        for (var group : groups.entrySet()) {
            List<Item> items = group.getValue();
            try {
                deliver(items, embed(items, group.getKey()));
            } catch (RuntimeException | Error e) {
                isolateFailure(items, group.getKey());
            }
        }
        metrics.inferenceSeconds.observe((System.nanoTime() - start) / 1e9);
        metrics.inputsEmbedded.addAndGet(batch.size());
        metrics.tokensEmbedded.addAndGet(tokens);
    }

    private float[][] embed(List<Item> items, EncodeOptions options) {
        List<TokenizedText> texts = new ArrayList<>(items.size());
        for (Item item : items) texts.add(item.text());
        return model.encodeTokenized(texts, options.withBatchSize(texts.size())).floats();
    }

    /** Re-runs a failed call one request at a time, so only the request at fault fails. */
    private void isolateFailure(List<Item> items, EncodeOptions options) {
        Map<Job, List<Item>> byJob = new IdentityHashMap<>();
        for (Item item : items)
            byJob.computeIfAbsent(item.job(), k -> new ArrayList<>()).add(item);
        for (List<Item> own : byJob.values()) {
            try {
                deliver(own, embed(own, options));
            } catch (RuntimeException | Error e) {
                own.getFirst().job().done.completeExceptionally(e);
            }
        }
    }

    private static void deliver(List<Item> items, float[][] vectors) {
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Job job = item.job();
            job.vectors[item.index()] = vectors[i];
            if (job.remaining.decrementAndGet() == 0) job.done.complete(job.vectors);
        }
    }

    /** Embeds what is queued, then stops the worker. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
