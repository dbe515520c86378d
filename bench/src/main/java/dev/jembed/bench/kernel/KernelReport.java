package dev.jembed.bench.kernel;

import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.Dense;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.PackedMatrix;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prints the matmul table of the README: GFLOP/s at the BERT shapes and the share of the measured
 * single-core FMA peak, vector vs scalar. Rates are per second of this thread's CPU time (medians
 * of timed rounds), so other processes on a shared machine distort them less than wall time does;
 * the JMH benchmarks ({@link MatmulBenchmark}, {@link PeakFmaBenchmark}) give the wall-clock view.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.jembed.bench.kernel.KernelReport [rounds]}
 */
public final class KernelReport {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final long ROUND_NANOS = 300_000_000L;
    static volatile float blackhole;

    private KernelReport() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        double peak = peak(rounds);
        line(
                "CPU: %s, %d cores; %s; species %s",
                cpuName(), Runtime.getRuntime().availableProcessors(), Runtime.version(), S);
        line("Measured single-core FMA peak (12 register chains): %.1f GFLOP/s", peak);
        line("%-5s %-10s %12s %9s %12s %9s", "L", "k x n", "vector GF/s", "% peak", "scalar GF/s", "speedup");
        Kernels vector = Kernels.vector(), scalar = Kernels.scalar();
        for (int rows : new int[] {16, 64, 256}) { // JIT warm-up of every code path before any timing
            for (int[] kn : new int[][] {{384, 384}, {384, 1536}, {1536, 384}}) matmul(vector, rows, kn[0], kn[1], 1);
        }
        for (int rows : new int[] {16, 64, 256}) {
            for (int[] kn : new int[][] {{384, 384}, {384, 1536}, {1536, 384}}) {
                double v = matmul(vector, rows, kn[0], kn[1], rounds);
                double s = matmul(scalar, rows, kn[0], kn[1], Math.max(3, rounds / 3));
                line("%-5d %-10s %12.1f %8.0f%% %12.2f %8.1fx", rows, kn[0] + "x" + kn[1], v, 100 * v / peak, s, v / s);
            }
        }
    }

    /** Median GFLOP/s per CPU second of {@code kernels.matmul} on a packed [n, k] weight. */
    static double matmul(Kernels kernels, int rows, int k, int n, int rounds) {
        Random rnd = new Random(1);
        float[] a = new float[rows * k], c = new float[rows * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        MemorySegment w = MatmulBenchmark.nativeFloats(rnd, n * k), bias = MatmulBenchmark.nativeFloats(rnd, n);
        Dense packed = new Dense(PackedMatrix.pack(w, n, k), bias, Activation.NONE);
        double flop = 2.0 * rows * k * n;
        double[] rates = new double[rounds + 2];
        for (int r = 0; r < rates.length; r++) {
            long c0 = CPU.getCurrentThreadCpuTime(), t0 = System.nanoTime(), calls = 0;
            while (System.nanoTime() - t0 < ROUND_NANOS) {
                kernels.matmul(packed, a, 0, k, rows, c, 0, n, 0, n);
                calls++;
            }
            rates[r] = calls * flop / (CPU.getCurrentThreadCpuTime() - c0);
        }
        return median(Arrays.copyOfRange(rates, 2, rates.length)); // the first two rounds are warm-up
    }

    /** Median GFLOP/s per CPU second of 12 independent FMA chains on the preferred species. */
    static double peak(int rounds) {
        double[] rates = new double[rounds + 2];
        float sink = 0;
        for (int r = 0; r < rates.length; r++) {
            long c0 = CPU.getCurrentThreadCpuTime(), t0 = System.nanoTime(), iters = 0;
            while (System.nanoTime() - t0 < ROUND_NANOS) {
                sink += fmaChains(1 << 16, 0.999999f, 1e-7f);
                iters += 1 << 16;
            }
            rates[r] = iters * 12.0 * 2 * S.length() / (CPU.getCurrentThreadCpuTime() - c0);
        }
        blackhole = sink; // keeps the chains from being optimised away
        return median(Arrays.copyOfRange(rates, 2, rates.length));
    }

    static float fmaChains(int iters, float x, float y) {
        FloatVector m = FloatVector.broadcast(S, x), b = FloatVector.broadcast(S, y);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f);
        for (int i = 0; i < iters; i++) {
            a0 = a0.fma(m, b);
            a1 = a1.fma(m, b);
            a2 = a2.fma(m, b);
            a3 = a3.fma(m, b);
            a4 = a4.fma(m, b);
            a5 = a5.fma(m, b);
            a6 = a6.fma(m, b);
            a7 = a7.fma(m, b);
            a8 = a8.fma(m, b);
            a9 = a9.fma(m, b);
            a10 = a10.fma(m, b);
            a11 = a11.fma(m, b);
        }
        return a0.add(a1)
                .add(a2)
                .add(a3)
                .add(a4)
                .add(a5)
                .add(a6)
                .add(a7)
                .add(a8)
                .add(a9)
                .add(a10)
                .add(a11)
                .lane(0);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String cpuName() {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
