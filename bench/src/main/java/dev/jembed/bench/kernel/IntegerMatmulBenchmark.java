package dev.jembed.bench.kernel;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Why jembed's int8 weights run on float32 arithmetic: the fastest int8 x int8 multiply-accumulate
 * the Vector API can express, against the float32 FMA micro-kernel of the same register tile
 * (4 rows x 2 vectors, k = 384, operands in L1, as in the matmul's inner loop).
 *
 * <p>The JDK 25 Vector API has no widening integer dot product (x86 {@code vpmaddwd},
 * {@code vpmaddubsw}, VNNI {@code vpdpbusd}/{@code vpdpwssd}), which is what ONNX Runtime's int8
 * GEMM runs on. The best substitute found: int8 values held in 16-bit lanes, two products summed in
 * 16 bits (|127 x 127 x 2| fits), then widened into two 32-bit accumulators by one arithmetic shift
 * ({@code raw += t} and {@code odd += t >> 16}; the even half is {@code raw - (odd << 16)}). That is
 * 6 vector operations per 2 x L16 multiply-adds against 2 FMAs per 2 x L32 for float32, so with
 * twice the lanes it can only gain where integer ports outnumber FMA ports. {@code gflop} counts a
 * multiply-add as 2 operations in both.
 */
public class IntegerMatmulBenchmark extends KernelBenchmark {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SH = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int LF = F.length(), LS = SH.length();
    private static final int K = 384;

    private float[] af, wf;
    private short[] as, ws;
    /** K read from a field, as the engine's kernels get it: a constant trip count changes C2's loop shape. */
    private int kField = K;

    @Setup
    public void setup() {
        Random r = new Random(1);
        af = new float[4 * K];
        wf = new float[K * 2 * LF];
        as = new short[4 * K];
        ws = new short[K * 2 * LS];
        for (int i = 0; i < af.length; i++) {
            af[i] = r.nextFloat() - 0.5f;
            as[i] = (short) (r.nextInt(255) - 127);
        }
        for (int i = 0; i < wf.length; i++) wf[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < ws.length; i++) ws[i] = (short) (r.nextInt(255) - 127);
    }

    /** float32: broadcast one activation per row, one FMA per row and weight vector. */
    @Benchmark
    public float float32Fma(Flops flops) {
        float[] a = af, w = wf;
        int k = kField;
        FloatVector c00 = FloatVector.zero(F),
                c01 = c00,
                c10 = c00,
                c11 = c00,
                c20 = c00,
                c21 = c00,
                c30 = c00,
                c31 = c00;
        for (int p = 0, wo = 0; p < k; p++, wo += 2 * LF) {
            FloatVector w0 = FloatVector.fromArray(F, w, wo), w1 = FloatVector.fromArray(F, w, wo + LF);
            FloatVector x = FloatVector.broadcast(F, a[p]);
            c00 = x.fma(w0, c00);
            c01 = x.fma(w1, c01);
            x = FloatVector.broadcast(F, a[k + p]);
            c10 = x.fma(w0, c10);
            c11 = x.fma(w1, c11);
            x = FloatVector.broadcast(F, a[2 * k + p]);
            c20 = x.fma(w0, c20);
            c21 = x.fma(w1, c21);
            x = FloatVector.broadcast(F, a[3 * k + p]);
            c30 = x.fma(w0, c30);
            c31 = x.fma(w1, c31);
        }
        flops.gflop += 2.0 * 4 * K * 2 * LF / 1e9;
        return c00.add(c01)
                .add(c10)
                .add(c11)
                .add(c20)
                .add(c21)
                .add(c30)
                .add(c31)
                .lane(0);
    }

    /** int8 values in 16-bit lanes: pairs of products in 16 bits, widened by one shift per pair. */
    @Benchmark
    public int int8In16BitLanes(Flops flops) {
        short[] a = as, w = ws;
        IntVector z = IntVector.zero(I);
        IntVector r00 = z, r01 = z, o00 = z, o01 = z, r10 = z, r11 = z, o10 = z, o11 = z;
        IntVector r20 = z, r21 = z, o20 = z, o21 = z, r30 = z, r31 = z, o30 = z, o31 = z;
        for (int p = 0; p < K; p += 2) {
            int wo = p * 2 * LS;
            ShortVector w00 = ShortVector.fromArray(SH, w, wo), w01 = ShortVector.fromArray(SH, w, wo + LS);
            ShortVector w10 = ShortVector.fromArray(SH, w, wo + 2 * LS),
                    w11 = ShortVector.fromArray(SH, w, wo + 3 * LS);
            ShortVector xa = ShortVector.broadcast(SH, a[p]), xb = ShortVector.broadcast(SH, a[p + 1]);
            IntVector t0 = xa.mul(w00).add(xb.mul(w10)).reinterpretAsInts(),
                    t1 = xa.mul(w01).add(xb.mul(w11)).reinterpretAsInts();
            r00 = r00.add(t0);
            o00 = o00.add(t0.lanewise(VectorOperators.ASHR, 16));
            r01 = r01.add(t1);
            o01 = o01.add(t1.lanewise(VectorOperators.ASHR, 16));
            xa = ShortVector.broadcast(SH, a[K + p]);
            xb = ShortVector.broadcast(SH, a[K + p + 1]);
            t0 = xa.mul(w00).add(xb.mul(w10)).reinterpretAsInts();
            t1 = xa.mul(w01).add(xb.mul(w11)).reinterpretAsInts();
            r10 = r10.add(t0);
            o10 = o10.add(t0.lanewise(VectorOperators.ASHR, 16));
            r11 = r11.add(t1);
            o11 = o11.add(t1.lanewise(VectorOperators.ASHR, 16));
            xa = ShortVector.broadcast(SH, a[2 * K + p]);
            xb = ShortVector.broadcast(SH, a[2 * K + p + 1]);
            t0 = xa.mul(w00).add(xb.mul(w10)).reinterpretAsInts();
            t1 = xa.mul(w01).add(xb.mul(w11)).reinterpretAsInts();
            r20 = r20.add(t0);
            o20 = o20.add(t0.lanewise(VectorOperators.ASHR, 16));
            r21 = r21.add(t1);
            o21 = o21.add(t1.lanewise(VectorOperators.ASHR, 16));
            xa = ShortVector.broadcast(SH, a[3 * K + p]);
            xb = ShortVector.broadcast(SH, a[3 * K + p + 1]);
            t0 = xa.mul(w00).add(xb.mul(w10)).reinterpretAsInts();
            t1 = xa.mul(w01).add(xb.mul(w11)).reinterpretAsInts();
            r30 = r30.add(t0);
            o30 = o30.add(t0.lanewise(VectorOperators.ASHR, 16));
            r31 = r31.add(t1);
            o31 = o31.add(t1.lanewise(VectorOperators.ASHR, 16));
        }
        flops.gflop += 2.0 * 4 * K * 2 * LS / 1e9;
        return r00.add(r01)
                .add(o00)
                .add(o01)
                .add(r10)
                .add(r11)
                .add(o10)
                .add(o11)
                .add(r20)
                .add(r21)
                .add(o20)
                .add(o21)
                .add(r30)
                .add(r31)
                .add(o30)
                .add(o31)
                .lane(0);
    }
}
