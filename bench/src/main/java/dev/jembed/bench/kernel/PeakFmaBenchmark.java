package dev.jembed.bench.kernel;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The single-core FMA peak this machine reaches through the Vector API: 12 independent
 * accumulator chains (enough to cover FMA latency times throughput on current x86 cores) kept in
 * registers, no memory traffic. {@code gflop} is GFLOP/s (2 flops per lane per FMA). Measured for
 * the preferred species and for 256-bit vectors; the larger is the machine's peak.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
public class PeakFmaBenchmark {
    private static final int ITER = 1 << 14;
    private static final int CHAINS = 12;
    static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;

    private float x, y;

    @Setup
    public void setup() {
        x = 0.999999f;
        y = 1e-7f;
    }

    @Benchmark
    @OperationsPerInvocation(ITER * CHAINS)
    public float preferred(Flops flops) {
        float r = KernelReport.fmaChains(ITER, x, y);
        flops.gflop += 2.0 * PREFERRED.length() * ITER * CHAINS / 1e9;
        return r;
    }

    @Benchmark
    @OperationsPerInvocation(ITER * CHAINS)
    public float bits256(Flops flops) {
        float r = chains256();
        flops.gflop += 2.0 * S256.length() * ITER * CHAINS / 1e9;
        return r;
    }

    /** {@link KernelReport#fmaChains} at 256 bits: the species must be a constant for C2 to intrinsify. */
    private float chains256() {
        FloatVector m = FloatVector.broadcast(S256, x), b = FloatVector.broadcast(S256, y);
        FloatVector a0 = FloatVector.broadcast(S256, 1f), a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f);
        for (int i = 0; i < ITER; i++) {
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
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    }
}
