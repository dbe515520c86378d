package dev.jembed.engine.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The property every parser fuzz test checks: parsing an input either succeeds or throws one of the
 * parser's typed exceptions, with no programming error (NPE, out-of-bounds, overflow, OutOfMemoryError,
 * StackOverflowError ...) anywhere in its cause chain. Memory is bounded by the heap the tests run in:
 * the long run ({@code fuzz/long-run.sh}) gives the JVM a small heap, so a parser that allocated for a
 * declared size it had not validated fails there with an OutOfMemoryError, which this check reports.
 * Time is recorded, never asserted: the slowest case per parser is printed ({@link #report}).
 */
public final class FuzzCheck {

    /** Throwables that mean a bug in the parser, never a diagnosis of the input, wherever they appear. */
    private static final Set<Class<? extends Throwable>> BUGS = Set.of(NullPointerException.class, ClassCastException.class,
            IndexOutOfBoundsException.class, NegativeArraySizeException.class, ArrayStoreException.class,
            ArithmeticException.class, OutOfMemoryError.class, StackOverflowError.class, IllegalMonitorStateException.class);

    private static final Map<String, Stats> STATS = new ConcurrentHashMap<>();
    /** A long run prints how far each parser got this often, so a run cut short still tells. */
    private static final long PROGRESS_EVERY = 20_000;

    /** One parse of one input. */
    @FunctionalInterface
    public interface Parse {
        void run() throws Exception;
    }

    private FuzzCheck() {
    }

    /**
     * Runs {@code parse} on an input of {@code inputBytes} bytes and checks the property.
     *
     * @return the typed exception thrown, or null if the input parsed
     */
    @SafeVarargs
    public static Throwable check(String parser, long inputBytes, Parse parse, Class<? extends Throwable>... typed) {
        long start = System.nanoTime();
        Throwable thrown = null;
        try {
            parse.run();
        } catch (Throwable t) {
            thrown = t;
        }
        long nanos = System.nanoTime() - start;
        Stats stats = STATS.computeIfAbsent(parser, k -> new Stats());
        if (stats.wouldBeSlowest(nanos)) nanos = Math.min(nanos, timeAgain(parse));
        if (stats.add(nanos, inputBytes, thrown == null) % PROGRESS_EVERY == 0) System.out.println("FUZZ-PROGRESS " + parser + " " + stats);
        if (thrown != null) {
            if (!isTyped(thrown, typed)) {
                throw new AssertionError(parser + ": untyped " + thrown + " on an input of " + inputBytes + " bytes", thrown);
            }
            for (Throwable c = thrown; c != null; c = c.getCause()) {
                if (isBug(c)) throw new AssertionError(parser + ": " + thrown + " hides " + c, thrown);
            }
        }
        return thrown;
    }

    /**
     * A candidate for the slowest case is timed a second time and the faster run kept: on a shared
     * machine a single run's wall time is often a GC pause or a descheduled thread, not the parser.
     */
    private static long timeAgain(Parse parse) {
        long start = System.nanoTime();
        try {
            parse.run();
        } catch (Throwable ignored) {
            // the first run's outcome is the one checked
        }
        return System.nanoTime() - start;
    }

    private static boolean isTyped(Throwable t, Class<? extends Throwable>[] typed) {
        for (Class<? extends Throwable> c : typed) if (c.isInstance(t)) return true;
        return false;
    }

    private static boolean isBug(Throwable t) {
        for (Class<? extends Throwable> c : BUGS) if (c.isInstance(t)) return true;
        return false;
    }

    /** Prints one line per parser named: cases, outcomes, the slowest case and the largest input (fuzz/long-run.sh sums them). */
    public static synchronized void report(String... parsers) {
        for (String parser : parsers) {
            Stats s = STATS.remove(parser);
            if (s != null) System.out.println("FUZZ-STATS " + parser + " " + s);
        }
    }

    private static final class Stats {
        private static final int WARM_UP = 100;
        private long cases;
        private long parsed;
        private long slowestNanos;
        private long slowestInput;
        private long largestInput;

        synchronized boolean wouldBeSlowest(long nanos) {
            return cases >= WARM_UP && nanos > slowestNanos;
        }

        synchronized long add(long nanos, long input, boolean ok) {
            cases++;
            if (ok) parsed++;
            // the first cases run in the interpreter: only warm cases compete for the slowest
            if (cases >= WARM_UP && nanos > slowestNanos) {
                slowestNanos = nanos;
                slowestInput = input;
            }
            largestInput = Math.max(largestInput, input);
            return cases;
        }

        @Override
        public synchronized String toString() {
            return String.format("cases=%d parsed=%d rejected=%d slowest=%.3fms(input %d bytes) largestInput=%d",
                    cases, parsed, cases - parsed, slowestNanos / 1e6, slowestInput, largestInput);
        }
    }
}
