package dev.jembed.engine.kernel;

/** Run in a child JVM by {@link KernelSelectionTest}: prints the kernels chosen there and one matmul result. */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        Kernels k = Kernels.preferred();
        float[] c = new float[1];
        // [1, 2] x W^T with W = [[3, 4]] ([1, 2], row-major)
        Dense w = Dense.of(new RowMajorMatrix(java.lang.foreign.MemorySegment.ofArray(new float[] {3f, 4f}), 1, 2));
        k.matmul(w, new float[] {1f, 2f}, 0, 2, 1, c, 0, 1, 0, 1);
        System.out.println(k.name() + " " + c[0]);
    }
}
