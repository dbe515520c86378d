package dev.jembed.engine.kernel;

/**
 * One per-thread float buffer for the kernels' transient copies (a decoded or re-laid weight panel,
 * a transposed K). It grows to the largest size asked for and never shrinks, so a hot loop allocates
 * nothing after warm-up. A kernel holds it only within one call and never calls another kernel that
 * needs it meanwhile.
 */
final class ThreadScratch {
    private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

    private ThreadScratch() {}

    /** This thread's buffer, at least {@code size} floats long; its contents are undefined. */
    static float[] floats(int size) {
        float[] b = BUFFER.get();
        if (b.length < size) {
            b = new float[size];
            BUFFER.set(b);
        }
        return b;
    }
}
