package dev.jembed.tornado;

import dev.jembed.engine.Backend;
import dev.jembed.engine.BackendStatus;
import dev.jembed.engine.BackendUnavailableException;
import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * The {@code tornado} backend: the whole encoder on TornadoVM's default device (a GPU, or any
 * OpenCL / PTX / SPIR-V device; {@code -Dtornado.device=...} or TornadoVM's own options choose
 * another). Needs the JVM started with the SDK's options (its {@code tornado-argfile}); without
 * them, or without a device, {@link #status()} names what is missing.
 */
public final class TornadoBackend implements Backend {
    /** Its name. */
    public static final String NAME = "tornado";
    /** System property: record TornadoVM's profile of every pass (the benchmark reads it). */
    public static final String PROFILE_PROPERTY = "jembed.tornado.profile";

    private static final String BYTECODE_PROPERTY = "tornado.tvm.maxbytecodesize";
    /** Generous: a layer's 7 tasks and 12 weight arrays take about 1.5 KB of TornadoVM bytecode. */
    private static final int BYTECODE_BYTES_PER_LAYER = 4096;

    /** For {@link java.util.ServiceLoader}. */
    public TornadoBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendStatus status() {
        if (System.getProperty("tornado.load.runtime.implementation") == null) {
            return BackendStatus.missing("the JVM was not started with the TornadoVM SDK's options (set TORNADOVM_HOME to the SDK"
                    + " and pass @$TORNADOVM_HOME/tornado-argfile; ./jembed does this for --backend tornado)");
        }
        try {
            TornadoDevice d = TornadoRuntimeProvider.getTornadoRuntime().getDefaultDevice();
            if (d == null) return BackendStatus.missing("TornadoVM found no device");
            return BackendStatus.ready(describe(d));
        } catch (Throwable e) { // the runtime's static initializers throw Errors when a driver or device is missing
            return BackendStatus.missing("TornadoVM could not start: " + e);
        }
    }

    /** The device as TornadoVM's device listing names it: {@code [platform] -- device}. */
    static String describe(TornadoDevice d) {
        return "[" + d.getPlatformName() + "] -- " + d.getPhysicalDevice().getDeviceName();
    }

    @Override
    public Encoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        BackendStatus s = status();
        if (!s.available()) throw new BackendUnavailableException("backend tornado cannot run: " + s.detail());
        if (!options.weights().id().equals("f32")) {
            throw new IllegalArgumentException("the tornado backend runs float32 weights only, not " + options.weights().id());
        }
        // TornadoVM encodes a task graph into a bytecode buffer of tornado.tvm.maxbytecodesize bytes
        // (4096 by default): enough for about two BERT layers, after which the graph "bails out". It
        // is read once, when TornadoVM first compiles a graph, so an unset value is raised here.
        if (System.getProperty(BYTECODE_PROPERTY) == null) {
            System.setProperty(BYTECODE_PROPERTY, Integer.toString(BYTECODE_BYTES_PER_LAYER * (config.numHiddenLayers() + 1)));
        }
        return new TornadoEncoder(weights, config, s.detail(), Boolean.getBoolean(PROFILE_PROPERTY));
    }
}
