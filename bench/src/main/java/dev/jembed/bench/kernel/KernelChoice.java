package dev.jembed.bench.kernel;

import dev.jembed.engine.kernel.Kernels;

/** Maps the {@code impl} benchmark parameter to kernels. */
final class KernelChoice {
    private KernelChoice() {}

    static Kernels of(String impl) {
        return switch (impl) {
            case "vector" -> Kernels.vector();
            case "scalar" -> Kernels.scalar();
            default -> throw new IllegalArgumentException("impl must be vector or scalar, not " + impl);
        };
    }
}
