package dev.jembed.engine.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decodes one bf16 or int8 {@link PackedMatrix} panel to float32 with vectors, for {@link VectorMatmul};
 * its scalar twin is {@link PackedMatrix#decodePanel}, which gives the same values.
 */
final class VectorDecode {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;
    private static final int PANEL = PackedMatrix.PANEL;

    /**
     * int8 / bf16 panels are decoded L values at a time with byte and short vectors of at least 64 bits
     * (the narrowest shape), whose first L lanes are widened to float32: at 128 bits a byte vector of
     * 8 lanes is read for 4 values ({@link PackedMatrix} pads its arrays so the last read stays inside).
     */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, 8 * L)));

    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, 16 * L)));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    static final boolean SIMD = PANEL % L == 0
            && BYTES.length() - L <= PackedMatrix.DECODE_PAD
            && SHORTS.length() - L <= PackedMatrix.DECODE_PAD;

    private VectorDecode() {}

    /**
     * {@link PackedMatrix#decodePanel} with vectors into {@code out[off ..]}: the same values (an exact
     * int8 or bf16 to float32 conversion, then for int8 one float multiply by the row's scale).
     */
    static void decodePanel(PackedMatrix w, int panel, float[] out, int off) {
        int k = w.k(), base = panel * k * PANEL, sBase = panel * PANEL;
        if (!SIMD) {
            w.decodePanel(panel, out, off);
            return;
        }
        if (w.int8 != null) {
            byte[] q = w.int8;
            float[] scales = w.scales;
            for (int p = 0, o = 0; p < k; p++, o += PANEL) {
                for (int v = 0; v < PANEL; v += L) {
                    FloatVector x = (FloatVector)
                            ByteVector.fromArray(BYTES, q, base + o + v).convertShape(VectorOperators.B2F, S, 0);
                    x.mul(FloatVector.fromArray(S, scales, sBase + v)).intoArray(out, off + o + v);
                }
            }
        } else {
            short[] h = w.bf16;
            for (int p = 0, o = 0; p < k; p++, o += PANEL) {
                for (int v = 0; v < PANEL; v += L) {
                    IntVector bits = (IntVector)
                            ShortVector.fromArray(SHORTS, h, base + o + v).convertShape(VectorOperators.S2I, INTS, 0);
                    bits.lanewise(VectorOperators.LSHL, 16)
                            .reinterpretAsFloats()
                            .intoArray(out, off + o + v);
                }
            }
        }
    }
}
