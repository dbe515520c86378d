package dev.jembed.engine.kernel;

/** Run in a child JVM by {@link KernelSelectionTest}: prints the kernels chosen there and one matmul result. */
public final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        Kernels k = Kernels.preferred();
        float[] c = new float[1];
        k.matmul(
                new float[] {1f, 2f},
                0,
                2,
                1,
                2,
                java.lang.foreign.MemorySegment.ofArray(new float[] {3f, 4f}),
                null,
                Activation.NONE,
                c,
                0,
                1,
                0,
                1);
        System.out.println(k.name() + " " + c[0]);
    }
}
