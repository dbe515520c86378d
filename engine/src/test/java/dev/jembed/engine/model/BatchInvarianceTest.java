package dev.jembed.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Determinism by design: a sentence's embedding is bitwise the same whether it is encoded alone or
 * inside any batch, with any thread count, and when several callers share one model.
 */
@Tag("slow")
class BatchInvarianceTest {
    private static final long SEED = 20261123L;
    private static final Encoder[] BY_THREADS = new Encoder[5]; // index = thread count, 1..4

    @BeforeAll
    static void encoders() {
        for (int t = 1; t <= 4; t++) BY_THREADS[t] = MiniLmRun.encoder(t);
    }

    @AfterAll
    static void close() {
        for (int t = 1; t <= 4; t++) BY_THREADS[t].close();
    }

    @Test
    void randomBatchesAndThreadCountsEqualSingleSentencesBitForBit() {
        int[][] ids = MiniLmRun.ids();
        float[][] alone = MiniLmRun.jembed();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) order.add(i);
        Random random = new Random(SEED);
        Collections.shuffle(order, random);
        long start = System.nanoTime();
        int batches = 0;
        for (int from = 0; from < order.size(); batches++) {
            int size = Math.min(order.size() - from, 1 + random.nextInt(64));
            int threads = 1 + random.nextInt(4);
            int[][] batch = new int[size][];
            for (int b = 0; b < size; b++) batch[b] = ids[order.get(from + b)];
            float[][] hidden = BY_THREADS[threads].forward(batch, null);
            for (int b = 0; b < size; b++) {
                int i = order.get(from + b);
                float[] embedding = MiniLmRun.normalize(MiniLmRun.meanPool(hidden[b], batch[b].length));
                assertArrayEquals(
                        alone[i],
                        embedding,
                        0f,
                        MiniLmRun.describe(i) + " in a batch of " + size + " on " + threads + " threads");
                assertTrue(Arrays.equals(alone[i], embedding), "bitwise: " + MiniLmRun.describe(i));
            }
            from += size;
        }
        System.out.printf(
                "batch invariance: %d sentences in %d random batches (1..64, 1..4 threads) bitwise equal to alone (%.1f s)%n",
                ids.length, batches, (System.nanoTime() - start) / 1e9);
    }

    /** Batches above the encoder's chunk size are split internally; long sequences stay bitwise equal too. */
    @Test
    void longSequencesAcrossChunksEqualAlone() {
        int[] text =
                MiniLmRun.tokenize(String.join(" ", MiniLmRun.stsb().sentences().subList(0, 40)));
        assertEquals(MiniLmRun.MAX_TOKENS, text.length);
        int[][] ids = MiniLmRun.ids();
        List<int[]> batch = new ArrayList<>();
        int tokens = 0;
        for (int k = 0; tokens <= EncoderModel.CHUNK_TOKENS; k++) {
            int[] longOne = new int[MiniLmRun.MAX_TOKENS - 3 * k];
            longOne[0] = text[0];
            for (int t = 1; t < longOne.length - 1; t++) longOne[t] = text[1 + (t + 7 * k) % (text.length - 2)];
            longOne[longOne.length - 1] = text[text.length - 1];
            batch.add(longOne);
            batch.add(ids[k]);
            tokens += longOne.length + ids[k].length;
        }
        int[][] input = batch.toArray(int[][]::new);
        float[][] together = BY_THREADS[3].forward(input, null);
        for (int b = 0; b < input.length; b++) {
            float[] alone = BY_THREADS[2].forward(new int[][] {input[b]}, null)[0];
            assertTrue(Arrays.equals(alone, together[b]), "sequence " + b + " of " + input[b].length + " tokens");
        }
    }

    /** Several threads sharing one model get exactly what one thread gets. */
    @Test
    void concurrentCallersShareOneModel() throws Exception {
        int[][] ids = MiniLmRun.ids();
        float[][] alone = MiniLmRun.jembed();
        Encoder shared = BY_THREADS[2];
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int caller = c;
                results.add(callers.submit(() -> {
                    for (int k = 0; k < 12; k++) {
                        int first = (caller * 97 + k * 13) % (ids.length - 8);
                        int[][] batch = Arrays.copyOfRange(ids, first, first + 1 + k % 8);
                        float[][] hidden = shared.forward(batch, null);
                        for (int b = 0; b < batch.length; b++) {
                            float[] e = MiniLmRun.normalize(MiniLmRun.meanPool(hidden[b], batch[b].length));
                            assertTrue(Arrays.equals(alone[first + b], e), MiniLmRun.describe(first + b));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) f.get();
        } finally {
            callers.shutdownNow();
        }
    }
}
