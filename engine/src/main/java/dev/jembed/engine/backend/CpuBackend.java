package dev.jembed.engine.backend;

import dev.jembed.engine.Backend;
import dev.jembed.engine.BackendStatus;
import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.Models;
import dev.jembed.engine.tensor.Weights;

/**
 * The {@code cpu} backend: jembed's own engine, Vector API kernels on the JVM's threads. Always
 * available; the default, and what {@code auto} falls back to. Public only because the module
 * {@code provides} it to {@link java.util.ServiceLoader}; its package is not exported.
 */
public final class CpuBackend implements Backend {
    /** Its name. */
    public static final String NAME = "cpu";

    /** For {@link java.util.ServiceLoader}. */
    public CpuBackend() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendStatus status() {
        return BackendStatus.ready("Vector API on " + Runtime.getRuntime().availableProcessors() + " cores ("
                + System.getProperty("os.arch") + ")");
    }

    @Override
    public Encoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        return Models.load(weights, config, options);
    }
}
