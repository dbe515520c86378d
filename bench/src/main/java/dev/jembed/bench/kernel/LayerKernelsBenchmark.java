package dev.jembed.bench.kernel;

import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.AttentionLayout;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.LayerNormWeights;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The non-matmul kernels of one all-MiniLM-L6-v2 layer for one sequence of {@code seq} tokens
 * (hidden 384, 12 heads of 32, intermediate 1536), single-threaded, microseconds per call:
 * attention over all heads, the softmax rows it performs, the residual LayerNorm and the GELU.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LayerKernelsBenchmark extends KernelBenchmark {
    private static final int HIDDEN = 384, HEADS = 12, INTERMEDIATE = 1536;

    @Param({"128"})
    public int seq;

    @Param({"vector", "scalar"})
    public String impl;

    private Kernels kernels;
    private float[] qkv, context, scores, scratch, hidden, residual, normed, ffn, ffnWork;
    private LayerNormWeights norm;
    /** Q | K | V side by side in rows of 3 * 384, 12 heads of 32, context rows of 384. */
    private final AttentionLayout layout = AttentionLayout.fusedQkv(HIDDEN, HEADS);

    @Setup
    public void setup() {
        kernels = KernelChoice.of(impl);
        Random rnd = new Random(7);
        qkv = gaussian(rnd, seq * 3 * HIDDEN);
        context = new float[seq * HIDDEN];
        scores = gaussian(rnd, HEADS * seq * seq);
        scratch = new float[seq];
        hidden = gaussian(rnd, seq * HIDDEN);
        residual = gaussian(rnd, seq * HIDDEN);
        normed = new float[seq * HIDDEN];
        ffn = gaussian(rnd, seq * INTERMEDIATE);
        ffnWork = new float[ffn.length];
        MemorySegment gamma = MemorySegment.ofArray(gaussian(rnd, HIDDEN));
        norm = new LayerNormWeights(gamma, MemorySegment.ofArray(gaussian(rnd, HIDDEN)), 1e-12f, HIDDEN);
    }

    /** The 12 x seq softmax rows of length seq that attention performs. */
    @Benchmark
    public float[] softmax() {
        float[] s = scores;
        for (int r = 0; r < HEADS * seq; r++) {
            System.arraycopy(s, 0, scratch, 0, seq);
            kernels.softmax(scratch, 0, seq);
        }
        return scratch;
    }

    /** Scaled dot-product attention, all 12 heads (4 seq^2 hidden flops). */
    @Benchmark
    public float[] attention() {
        kernels.attention(layout, qkv, 0, seq, 0, HEADS, context, 0);
        return context;
    }

    /** Exact (erf) GELU over seq x 1536. */
    @Benchmark
    public float[] gelu() {
        return activated(Activation.GELU);
    }

    /** Tanh GELU over seq x 1536. */
    @Benchmark
    public float[] geluTanh() {
        return activated(Activation.GELU_TANH);
    }

    /** Residual add and LayerNorm of seq rows of 384. */
    @Benchmark
    public float[] addLayerNorm() {
        kernels.addLayerNorm(norm, hidden, 0, residual, 0, seq, normed, 0);
        return normed;
    }

    private float[] activated(Activation act) {
        System.arraycopy(ffn, 0, ffnWork, 0, ffn.length);
        kernels.activate(ffnWork, 0, ffnWork.length, act);
        return ffnWork;
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }
}
