package dev.jembed.engine;

import dev.jembed.engine.backend.CpuBackend;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link Encoder} runs: the size of its thread pool, the kernels it calls and the format its
 * Linear weights are kept in.
 *
 * @param threads threads of the model's pool, the calling thread included (>= 1)
 * @param kernels which numeric kernels run: {@code auto} (the Vector API where it runs, else plain
 *                Java; {@code -Djembed.kernels=scalar|vector} forces one), {@code vector} or
 *                {@code scalar} (the plain-Java twin the Vector API kernels are tested against)
 * @param weights the in-memory format of the Linear weights: {@link WeightFormat#F32} (the file's
 *                values), or {@link WeightFormat#BF16} / {@link WeightFormat#INT8} made from them at
 *                load time (a half / a quarter of the memory, embeddings within rounding noise of
 *                float32's)
 * @param backend the {@link Backend} that runs the encoder: {@code cpu} (this engine), an installed
 *                offload backend such as {@code tornado}, or {@code auto} (the first available offload
 *                backend, else {@code cpu})
 */
public record EngineOptions(int threads, String kernels, WeightFormat weights, String backend) {

    /** System property overriding the default thread count. */
    public static final String THREADS_PROPERTY = "jembed.threads";
    /** System property overriding the default weight format ({@code f32}, {@code bf16} or {@code int8}). */
    public static final String WEIGHTS_PROPERTY = "jembed.weights";
    /** System property overriding the default backend ({@code cpu}, {@code tornado}, {@code auto}). */
    public static final String BACKEND_PROPERTY = "jembed.backend";

    public EngineOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (!KERNELS.contains(kernels)) {
            throw new IllegalArgumentException("kernels must be one of " + KERNELS + ", got " + kernels);
        }
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(backend, "backend");
        if (!backend.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "backend must be a lower-case name such as cpu, tornado or auto, got \"" + backend + "\"");
        }
    }

    /** The values of {@code kernels}. */
    public static final List<String> KERNELS = List.of("auto", "vector", "scalar");

    /** The {@code cpu} backend. */
    public EngineOptions(int threads, String kernels, WeightFormat weights) {
        this(threads, kernels, weights, CpuBackend.NAME);
    }

    /**
     * All cores ({@code -Djembed.threads=N} overrides), {@code auto} kernels and float32
     * weights ({@code -Djembed.weights=bf16|int8} overrides) on the {@code cpu} backend
     * ({@code -Djembed.backend=tornado|auto} overrides).
     *
     * @throws IllegalArgumentException if {@code jembed.threads} is not a positive integer or
     *                                  {@code jembed.weights} names no format
     */
    public static EngineOptions defaults() {
        String property = System.getProperty(THREADS_PROPERTY);
        int threads = Runtime.getRuntime().availableProcessors();
        if (property != null && !property.isBlank()) {
            try {
                threads = Integer.parseInt(property.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        THREADS_PROPERTY + " must be a positive integer, got \"" + property + "\"", e);
            }
            if (threads < 1) {
                throw new IllegalArgumentException(
                        THREADS_PROPERTY + " must be a positive integer, got \"" + property + "\"");
            }
        }
        String weights = System.getProperty(WEIGHTS_PROPERTY);
        WeightFormat format = weights == null || weights.isBlank() ? WeightFormat.F32 : WeightFormat.parse(weights);
        String backend = System.getProperty(BACKEND_PROPERTY);
        backend = backend == null || backend.isBlank() ? CpuBackend.NAME : backend.strip();
        return new EngineOptions(threads, "auto", format, backend);
    }

    /** These options with another thread count. */
    public EngineOptions withThreads(int threads) {
        return new EngineOptions(threads, kernels, weights, backend);
    }

    /** These options with other kernels: {@code auto}, {@code vector} or {@code scalar}. */
    public EngineOptions withKernels(String kernels) {
        return new EngineOptions(threads, kernels, weights, backend);
    }

    /** These options with another weight format. */
    public EngineOptions withWeights(WeightFormat weights) {
        return new EngineOptions(threads, kernels, weights, backend);
    }

    /** These options on another backend ({@code cpu}, {@code tornado}, {@code auto}, ...). */
    public EngineOptions withBackend(String backend) {
        return new EngineOptions(threads, kernels, weights, backend);
    }
}
