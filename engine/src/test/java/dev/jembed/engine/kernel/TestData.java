package dev.jembed.engine.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Random inputs for kernel tests; weights as heap segments, native segments or unaligned native slices. */
final class TestData {
    private TestData() {}

    static float[] gaussian(Random rnd, int n, double sigma) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * sigma);
        return x;
    }

    /** The values as little-endian float32; the kind of segment (heap, native, native at an odd address) varies with {@code variant}. */
    static MemorySegment segment(float[] values, int variant) {
        return switch (Math.floorMod(variant, 3)) {
            case 0 -> MemorySegment.ofArray(values);
            case 1 -> copy(values, 0);
            default -> copy(values, 1);
        };
    }

    private static MemorySegment copy(float[] values, int misalign) {
        MemorySegment s =
                Arena.ofAuto().allocate(4L * values.length + misalign, 64).asSlice(misalign, 4L * values.length);
        for (int i = 0; i < values.length; i++) s.setAtIndex(ScalarKernels.F32, i, values[i]);
        return s;
    }

    static MemorySegment bytesOfFloats(float[] values) {
        MemorySegment s = MemorySegment.ofArray(new byte[4 * values.length]);
        for (int i = 0; i < values.length; i++)
            s.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 4L * i, values[i]);
        return s;
    }
}
