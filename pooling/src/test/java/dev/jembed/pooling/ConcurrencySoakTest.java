package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model shared by 16 threads: every vector bit-identical to the same text encoded alone on one
 * thread by a single-threaded model, over texts of every length from [CLS] [SEP] to the model's 64
 * positions (and longer texts, truncated). And {@code close()} while threads encode: every vector
 * returned before is still bit-identical, later calls get an {@link IllegalStateException}, no thread
 * crashes or hangs, for {@link SentenceTransformer} and for the engine's {@link Encoder} alone.
 *
 * <p>CI runs 12,000 encodes and 20 close rounds; {@code -Djembed.soak.encodes=100000
 * -Djembed.soak.closeRounds=200} makes the long soak (fuzz/soak.sh), and {@code -Djembed.soak.model=FOLDER}
 * runs it on another sentence-transformers folder (e.g. the real all-MiniLM-L6-v2).
 */
@Tag("soak")
class ConcurrencySoakTest {

    private static final int THREADS = 16;
    private static final int ENCODES = Integer.getInteger("jembed.soak.encodes", 12_000);
    private static final int CLOSE_ROUNDS = Integer.getInteger("jembed.soak.closeRounds", 20);
    private static final int DISTINCT_TEXTS = 400;
    /** Long enough for a real hang to be one, far beyond any encode on a loaded 2-core machine. */
    private static final long HANG_MINUTES = 10;

    @TempDir
    static Path tmp;

    private static Path folder;
    private static List<String> texts;
    private static float[][] reference;

    @BeforeAll
    static void references() throws IOException {
        String model = System.getProperty("jembed.soak.model");
        if (model != null) {
            folder = Path.of(model);
        } else {
            folder = TinyModels.stFolder(tmp.resolve("tiny-bert"), "bert", TinyModels.MEAN);
            Files.writeString(
                    folder.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 64, \"do_lower_case\": false}");
        }
        texts = mixedLengthTexts(new SplittableRandom(11));
        reference = new float[texts.size()][];
        try (SentenceTransformer single =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1))) {
            for (int i = 0; i < texts.size(); i++) reference[i] = single.encode(texts.get(i));
        }
    }

    /** From the empty text ([CLS] [SEP]) to past the 64 positions, every length once and the rest at random. */
    private static List<String> mixedLengthTexts(SplittableRandom r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < DISTINCT_TEXTS; i++) {
            int words = i < 80 ? i : r.nextInt(80);
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < words; w++)
                s.append(w == 0 ? "" : " ").append("w").append(104 + r.nextInt(896));
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void sixteenThreadsGetTheSingleThreadedVectorsBitForBit() throws InterruptedException {
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong encodes = new AtomicLong();
        long start = System.nanoTime();
        try (SentenceTransformer shared = SentenceTransformer.load(folder, LoadOptions.defaults())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                SplittableRandom r = new SplittableRandom(1000 + t);
                threads.add(Thread.ofPlatform().name("soak-" + t).start(() -> {
                    try {
                        for (int n = 0; n < ENCODES / THREADS; ) {
                            if (r.nextInt(8) == 0) {
                                // a small batch now and then: a vector must not depend on its batch either
                                int[] picks = r.ints(1 + r.nextInt(6), 0, texts.size())
                                        .toArray();
                                float[][] vs = shared.encode(java.util.Arrays.stream(picks)
                                        .mapToObj(texts::get)
                                        .toList());
                                for (int k = 0; k < picks.length; k++) compare(picks[k], vs[k], mismatches);
                                n += picks.length;
                            } else {
                                int i = r.nextInt(texts.size());
                                compare(i, shared.encode(texts.get(i)), mismatches);
                                n++;
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(HANG_MINUTES));
                assertTrue(!t.isAlive(), t.getName() + " still encoding after " + HANG_MINUTES + " minutes: a hang");
            }
            encodes.set((long) (ENCODES / THREADS) * THREADS);
        }
        assertTrue(failures.isEmpty(), () -> "threads failed: " + failures);
        assertTrue(
                mismatches.isEmpty(),
                () -> mismatches.size() + " vectors differ from the single-threaded ones: " + mismatches);
        System.out.printf(
                "SOAK encodes>=%d threads=%d wall=%.1fs mismatches=0 model=%s%n",
                encodes.get(), THREADS, (System.nanoTime() - start) / 1e9, folder.getFileName());
    }

    @Test
    void closeWhileSixteenThreadsEncodeGivesLateCallersATypedError() throws InterruptedException {
        int returned = 0, refused = 0;
        for (int round = 0; round < CLOSE_ROUNDS; round++) {
            int[] counts = round % 2 == 0 ? closeSentenceTransformer(round) : closeEncoder(round);
            returned += counts[0];
            refused += counts[1];
        }
        assertTrue(
                returned > 0 && refused >= CLOSE_ROUNDS, returned + " vectors returned, " + refused + " calls refused");
        System.out.printf(
                "SOAK close rounds=%d vectors returned (all bit-identical)=%d late calls refused=%d%n",
                CLOSE_ROUNDS, returned, refused);
    }

    /** Returns {vectors returned and checked, calls refused with IllegalStateException}. */
    private static int[] closeSentenceTransformer(int round) throws InterruptedException {
        SentenceTransformer model = SentenceTransformer.load(folder, LoadOptions.defaults());
        return closeDuring(
                round,
                i -> model.encode(texts.get(i)),
                model::close,
                () -> assertThrows(IllegalStateException.class, () -> model.encode("w200")));
    }

    /** The engine alone: forward passes racing {@link Encoder#close()}, which has no read-write lock around it. */
    private static int[] closeEncoder(int round) throws InterruptedException {
        Encoder encoder = Encoders.load(folder, EngineOptions.defaults());
        float[][] hidden = new float[texts.size()][];
        int[][] ids = new int[texts.size()][];
        try (Encoder single = Encoders.load(folder, EngineOptions.defaults().withThreads(1))) {
            for (int i = 0; i < texts.size(); i++) {
                ids[i] = idsOf(texts.get(i), single.maxSequenceLength());
                hidden[i] = single.forward(new int[][] {ids[i]}, null)[0];
            }
        }
        return closeDuring(
                round,
                i -> {
                    float[] h = encoder.forward(new int[][] {ids[i]}, null)[0];
                    if (!sameBits(h, hidden[i]))
                        throw new AssertionError("encoder hidden state of text " + i + " differs");
                    return null;
                },
                encoder::close,
                () -> assertThrows(IllegalStateException.class, () -> encoder.forward(new int[][] {{101, 102}}, null)));
    }

    /** The tiny vocabulary's ids (w<i> is id i; [CLS] 101, [SEP] 102; valid BERT-base ids too), truncated to the model's positions. */
    private static int[] idsOf(String text, int max) {
        List<Integer> ids = new ArrayList<>(List.of(101));
        if (!text.isEmpty())
            for (String w : text.split(" ")) if (ids.size() < max - 1) ids.add(Integer.parseInt(w.substring(1)));
        ids.add(102);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @FunctionalInterface
    private interface Call {
        float[] encode(int text);
    }

    private static int[] closeDuring(int round, Call call, Runnable close, Runnable lateCall)
            throws InterruptedException {
        AtomicInteger returned = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        CountDownLatch running = new CountDownLatch(THREADS * 4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            SplittableRandom r = new SplittableRandom(round * 100L + t);
            threads.add(Thread.ofPlatform().name("close-" + round + "-" + t).start(() -> {
                while (true) {
                    int i = r.nextInt(texts.size());
                    float[] v;
                    try {
                        v = call.encode(i);
                    } catch (IllegalStateException closed) {
                        refused.incrementAndGet();
                        running.countDown();
                        return;
                    } catch (Throwable e) {
                        failures.add(e);
                        running.countDown();
                        return;
                    }
                    if (v != null) compare(i, v, mismatches);
                    returned.incrementAndGet();
                    running.countDown();
                }
            }));
        }
        // close once the threads are well into their encodes (no sleep: they count down as they go)
        running.await(HANG_MINUTES, TimeUnit.MINUTES);
        close.run();
        lateCall.run();
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(HANG_MINUTES));
            assertTrue(!t.isAlive(), t.getName() + " hangs after close()");
        }
        assertTrue(
                failures.isEmpty(),
                () -> "round " + round + ": calls failed with other than IllegalStateException: " + failures);
        assertTrue(mismatches.isEmpty(), () -> "round " + round + ": wrong vectors: " + mismatches);
        assertEquals(THREADS, refused.get(), "every thread ends with IllegalStateException");
        return new int[] {returned.get(), refused.get()};
    }

    private static void compare(int text, float[] v, ConcurrentLinkedQueue<String> mismatches) {
        if (!sameBits(v, reference[text]))
            mismatches.add("text " + text + " (" + texts.get(text).split(" ").length + " words)");
    }

    private static boolean sameBits(float[] a, float[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++)
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) return false;
        return true;
    }
}
