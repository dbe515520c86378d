package dev.jembed.engine;

import dev.jembed.engine.kernel.Kernels;

import java.util.Objects;

/**
 * How an {@link Encoder} runs: the size of its thread pool and the kernels it calls.
 *
 * @param threads threads of the model's pool, the calling thread included (>= 1)
 * @param kernels the numeric kernels, normally {@link Kernels#preferred()}
 */
public record EngineOptions(int threads, Kernels kernels) {

    /** System property overriding the default thread count. */
    public static final String THREADS_PROPERTY = "jembed.threads";

    public EngineOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        Objects.requireNonNull(kernels, "kernels");
    }

    /**
     * All cores ({@code -Djembed.threads=N} overrides) and {@link Kernels#preferred()}.
     *
     * @throws IllegalArgumentException if {@code jembed.threads} is not a positive integer
     */
    public static EngineOptions defaults() {
        String property = System.getProperty(THREADS_PROPERTY);
        int threads = Runtime.getRuntime().availableProcessors();
        if (property != null && !property.isBlank()) {
            try {
                threads = Integer.parseInt(property.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got \"" + property + "\"", e);
            }
            if (threads < 1) {
                throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got \"" + property + "\"");
            }
        }
        return new EngineOptions(threads, Kernels.preferred());
    }

    /** These options with another thread count. */
    public EngineOptions withThreads(int threads) {
        return new EngineOptions(threads, kernels);
    }

    /** These options with other kernels. */
    public EngineOptions withKernels(Kernels kernels) {
        return new EngineOptions(threads, kernels);
    }
}
