package dev.jembed.engine;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * A way to run an encoder: the Vector API engine on the CPU ({@code cpu}, always present) or an
 * offload module such as {@code tornado} (TornadoVM, GPUs and OpenCL devices), found at run time
 * through {@link java.util.ServiceLoader}, which the engine asks when {@link EngineOptions#backend()} names one; a module that
 * is absent from the class or module path is simply not offered, so the engine depends on none.
 *
 * <p>Implementations must have a public no-argument constructor, must not fail while being
 * constructed even when their runtime is missing (they report it through {@link #status()}), and
 * must return encoders that keep {@link Encoder}'s contract: the last hidden state of every token.
 */
public interface Backend {

    /** The name users select it by ({@code --backend}, {@code -Djembed.backend}): lower case, e.g. {@code cpu}. */
    String name();

    /**
     * Whether this backend can run here and on what: the device it would use, or the reason it
     * cannot (a runtime, a native library or a device missing). May probe the device once; the
     * answer is cached by the engine.
     */
    BackendStatus status();

    /**
     * Builds an encoder of {@code config.architecture()} over {@code weights}, which stay owned by
     * the caller and must stay open while the encoder is used.
     *
     * @throws BackendUnavailableException if {@link #status()} says the backend cannot run
     * @throws IllegalArgumentException    if the backend cannot run these options (e.g. a weight format)
     * @throws ModelFileException          if the weights disagree with the config
     */
    Encoder load(Weights weights, EncoderConfig config, EngineOptions options);
}
