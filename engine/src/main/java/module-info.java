/**
 * jembed engine: token ids to hidden states (exports are narrowed by issue 11; the module name is final).
 */
module dev.jembed.engine {
    requires jdk.incubator.vector;
    requires com.fasterxml.jackson.core;

    exports dev.jembed.engine;
    exports dev.jembed.engine.config;
    exports dev.jembed.engine.tensor;
    exports dev.jembed.engine.safetensors;
    exports dev.jembed.engine.kernel;
    exports dev.jembed.engine.onnx;

    // encoders run on a Backend: this engine's own (cpu), or an offload module found at run time
    uses dev.jembed.engine.Backend;
    provides dev.jembed.engine.Backend with dev.jembed.engine.CpuBackend;
}
