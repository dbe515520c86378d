package dev.jembed.bench.kernel;

import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.ScalarKernels;
import dev.jembed.engine.kernel.VectorKernels;

/** Maps the {@code impl} benchmark parameter to kernels. */
final class KernelChoice {
    private KernelChoice() {
    }

    static Kernels of(String impl) {
        return switch (impl) {
            case "vector" -> new VectorKernels();
            case "scalar" -> new ScalarKernels();
            default -> throw new IllegalArgumentException("impl must be vector or scalar, not " + impl);
        };
    }
}
