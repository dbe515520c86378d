package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The Vector API embedding lookup and sum of {@link VectorKernels}, read straight from the (mapped) tables. */
final class VectorEmbeddings {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;

    private VectorEmbeddings() {}

    /** See {@link Kernels#embeddingSum}: three (or two) vector loads and adds per L values, scalar tail in the same order. */
    static void embeddingSum(
            EmbeddingTables tables, int[] ids, int[] typeIds, int[] posIds, int count, float[] out, int outOff) {
        MemorySegment word = tables.word(), type = tables.type(), pos = tables.pos();
        int dim = tables.dim();
        int dv = dim - dim % L;
        for (int t = 0; t < count; t++) {
            long wo = 4L * ids[t] * dim, po = 4L * posIds[t] * dim;
            long to = type == null ? 0 : 4L * typeIds[t] * dim;
            int o = outOff + t * dim;
            for (int i = 0; i < dv; i += L) {
                FloatVector e = FloatVector.fromMemorySegment(S, word, wo + 4L * i, VectorKernels.LE);
                if (type != null) e = e.add(FloatVector.fromMemorySegment(S, type, to + 4L * i, VectorKernels.LE));
                e.add(FloatVector.fromMemorySegment(S, pos, po + 4L * i, VectorKernels.LE))
                        .intoArray(out, o + i);
            }
            for (int i = dv; i < dim; i++) {
                float e = word.get(ScalarKernels.F32, wo + 4L * i);
                if (type != null) e += type.get(ScalarKernels.F32, to + 4L * i);
                out[o + i] = e + pos.get(ScalarKernels.F32, po + 4L * i);
            }
        }
    }
}
