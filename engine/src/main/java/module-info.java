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
}
