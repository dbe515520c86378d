package dev.jembed.bench.kernel;

import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.Dense;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.kernel.RowMajorMatrix;
import dev.jembed.engine.kernel.WeightMatrix;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Single-threaded matmul at the BERT-base-small (MiniLM) shapes: {@code L x k} activations times an
 * {@code [n, k]} weight, packed or in native (mapped-like) row-major memory, bias added. The {@code gflop} counter is
 * GFLOP/s with {@code 2 L k n} flops per call; compare it with {@link PeakFmaBenchmark}.
 */
public class MatmulBenchmark extends KernelBenchmark {
    /** Rows (tokens in a batch). */
    @Param({"16", "64", "256"})
    public int rows;

    /** {@code k x n}: attention projections, FFN in, FFN out. */
    @Param({"384x384", "384x1536", "1536x384"})
    public String shape;

    @Param({"vector", "scalar"})
    public String impl;

    /** {@code packed}: {@link PackedMatrix} (the engine's path); {@code rowmajor}: the [n, k] segment as mapped. */
    @Param({"packed", "rowmajor"})
    public String layout;

    private Kernels kernels;
    private int k, n;
    private float[] a, c;
    /** The weight and bias as the benchmarked {@link #layout}. */
    private Dense layer;

    private double gflopPerCall;

    @Setup
    public void setup() {
        String[] kn = shape.split("x");
        k = Integer.parseInt(kn[0]);
        n = Integer.parseInt(kn[1]);
        kernels = KernelChoice.of(impl);
        Random rnd = new Random(42);
        a = new float[rows * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        c = new float[rows * n];
        MemorySegment w = nativeFloats(rnd, n * k), bias = nativeFloats(rnd, n);
        WeightMatrix weight = layout.equals("packed") ? PackedMatrix.pack(w, n, k) : new RowMajorMatrix(w, n, k);
        layer = new Dense(weight, bias, Activation.NONE);
        gflopPerCall = 2.0 * rows * k * n / 1e9;
    }

    static MemorySegment nativeFloats(Random rnd, int count) {
        MemorySegment s = Arena.ofAuto().allocate(4L * count, 64);
        for (int i = 0; i < count; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, (float)
                    (rnd.nextGaussian() * 0.05));
        }
        return s;
    }

    @Benchmark
    public float[] matmul(Flops flops) {
        kernels.matmul(layer, a, 0, k, rows, c, 0, n, 0, n);
        flops.gflop += gflopPerCall;
        return c;
    }
}
