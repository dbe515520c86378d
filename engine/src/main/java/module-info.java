/**
 * jembed engine: token ids to hidden states for the BERT, DistilBERT and RoBERTa encoders of the
 * sentence-transformers family, from Hugging Face files (config.json, model.safetensors).
 *
 * <p>Exported: {@link dev.jembed.engine} ({@code Encoders.load}, {@code Encoder}, {@code EngineOptions},
 * {@code WeightFormat}, {@code ModelFileException}, {@code ForwardProfile}; {@code Backend}, the service an offload module such as jembed-tornado provides), {@link dev.jembed.engine.config}
 * (config.json), {@link dev.jembed.engine.tensor} (weights as named tensors),
 * {@link dev.jembed.engine.safetensors} (reading safetensors files) and {@link dev.jembed.engine.kernel}
 * (the numeric kernels {@code EngineOptions} chooses between). Not exported:
 * {@code dev.jembed.engine.model}, the Hugging Face modules themselves (reached through
 * {@code Encoders.load}). Benchmarks that call the kernels run on the class path, where module
 * boundaries do not apply.
 */
module dev.jembed.engine {
    requires jdk.incubator.vector;
    requires com.fasterxml.jackson.core;

    exports dev.jembed.engine;
    exports dev.jembed.engine.config;
    exports dev.jembed.engine.tensor;
    exports dev.jembed.engine.safetensors;
    exports dev.jembed.engine.kernel;
    // encoders run on a Backend: this engine's own (cpu), or an offload module found at run time
    uses dev.jembed.engine.Backend;

    provides dev.jembed.engine.Backend with
            dev.jembed.engine.CpuBackend;
}
