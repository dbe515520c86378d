package dev.jembed.engine.kernel;

/**
 * Chooses {@link Kernels#preferred()} once per JVM. {@link VectorKernels} is only touched after
 * the {@code jdk.incubator.vector} module is known to be in the boot layer, so the engine still
 * runs (on {@link ScalarKernels}) when the JVM was started without {@code --add-modules}.
 */
final class KernelSelection {
    /** System property forcing a choice: {@code scalar} or {@code vector}. */
    static final String PROPERTY = "jembed.kernels";

    private KernelSelection() {}

    static Kernels preferred() {
        if (Preferred.KERNELS == null) throw new IllegalStateException(Preferred.ERROR);
        return Preferred.KERNELS;
    }

    /**
     * The choice, made when {@link #preferred()} is first called. A holder class, so that the other
     * methods here (which {@link PackedMatrix#PANEL} calls while it initializes) construct no kernels:
     * a kernel constructed during that initialization would read {@code PANEL} as 0.
     */
    private static final class Preferred {
        static final Kernels KERNELS;
        static final String ERROR;

        static {
            Kernels chosen = null;
            String error = null;
            try {
                chosen = choose(System.getProperty(PROPERTY));
            } catch (IllegalStateException | IllegalArgumentException e) {
                error = e.getMessage();
            }
            KERNELS = chosen;
            ERROR = error;
        }
    }

    /** The kernels for a value of {@value #PROPERTY} (null or blank: automatic). */
    static Kernels choose(String forced) {
        String v = forced == null ? "" : forced.strip();
        return switch (v) {
            case "" -> vectorUsable() ? new VectorKernels() : new ScalarKernels();
            case "scalar" -> new ScalarKernels();
            case "vector" -> {
                if (!vectorModulePresent()) {
                    throw new IllegalStateException(PROPERTY + "=vector but module jdk.incubator.vector is not loaded"
                            + " (start the JVM with --add-modules jdk.incubator.vector)");
                }
                yield new VectorKernels();
            }
            default -> throw new IllegalArgumentException(PROPERTY + "=" + forced + " is not one of: scalar, vector");
        };
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The module is there and its preferred float species is real SIMD (more than one lane). */
    static boolean vectorUsable() {
        if (!vectorModulePresent()) return false;
        try {
            return VectorKernels.lanes() > 1;
        } catch (LinkageError e) {
            return false;
        }
    }
}
