package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Run in a child JVM by {@link MicroKernelsJitTest}: drives every micro-kernel tile first with tiny
 * shapes (what a kernel test or a one-token query does to a cold JVM), then with BERT-sized ones.
 */
public final class JitProbe {
    private JitProbe() {}

    public static void main(String[] args) {
        int panel = PackedMatrix.PANEL;
        for (int phase = 0; phase < 2; phase++) {
            int k = phase == 0 ? 3 : 384, calls = phase == 0 ? 20_000 : 300;
            float[] w = new float[2 * panel * k];
            for (int i = 0; i < w.length; i++) w[i] = (i % 7) * 0.25f - 0.75f;
            PackedMatrix pw = PackedMatrix.pack(MemorySegment.ofArray(w), 2 * panel, k);
            float[] a = new float[12 * k], c = new float[12 * 2 * panel];
            for (int i = 0; i < a.length; i++) a[i] = (i % 5) * 0.5f;
            for (int tileRows : new int[] {6, 3}) {
                Kernels kern = new VectorKernels(tileRows);
                for (int i = 0; i < calls; i++) {
                    for (int rows = 1; rows <= 12; rows++)
                        kern.matmul(new Dense(pw, null, Activation.NONE), a, 0, k, rows, c, 0, 2 * panel, 0, 2 * panel);
                }
            }
        }
        System.out.println("done");
    }
}
