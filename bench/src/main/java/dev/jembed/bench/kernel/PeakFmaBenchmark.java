package dev.jembed.bench.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * The single-core FMA peak this machine reaches through the Vector API: 12 independent
 * accumulator chains (enough to cover FMA latency times throughput on current x86 cores) kept in
 * registers, no memory traffic. {@code gflop} is GFLOP/s (2 flops per lane per FMA). Measured for
 * the preferred species, the chains of {@link KernelReport#fmaChains}; for another width run JMH with
 * {@code -jvmArgsAppend -XX:UseAVX=2} (256 bits) or {@code -XX:MaxVectorSize=16} (128 bits), as the
 * engine itself would run there (a second copy of the chains with a fixed species would be needed
 * otherwise: C2 only intrinsifies vectors of a constant species).
 */
public class PeakFmaBenchmark extends KernelBenchmark {
    private static final int ITER = 1 << 14;
    private static final int CHAINS = 12;
    static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;

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
}
