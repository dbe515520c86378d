/**
 * jembed engine: token ids to hidden states for the BERT, DistilBERT and RoBERTa encoders of the
 * sentence-transformers family, from Hugging Face files (config.json, model.safetensors).
 *
 * <p>Exported to everyone:
 * <ul>
 *   <li>{@link dev.jembed.engine}: {@code Encoders.load} and {@code Encoder} (ids in, hidden states
 *       out), {@code EngineOptions}, {@code WeightFormat}, the errors ({@code ModelFileException},
 *       {@code BackendUnavailableException}), {@code Backend} and {@code BackendStatus} (the service
 *       an offload module such as jembed-tornado provides);</li>
 *   <li>{@link dev.jembed.engine.config}: {@code EncoderConfig}, {@code Architecture} and {@code HiddenAct}, what
 *       {@code Encoder.config()} returns and a backend builds from;</li>
 *   <li>{@link dev.jembed.engine.tensor}: {@code Weights}, the named tensors a backend reads.</li>
 * </ul>
 * Exported to jembed's pooling module only: {@code dev.jembed.engine.kernel} (pooling mirrors the
 * kernels' SIMD choice), {@code dev.jembed.engine.safetensors} (pooling reads its Dense modules'
 * weights) and {@code dev.jembed.engine.backend} (backend discovery; pooling reports {@code auto}'s
 * fallback). Not exported: {@code dev.jembed.engine.model}, the Hugging Face modules themselves
 * (reached through {@code Encoders.load}; its {@code ForwardProfile} times stages for the benchmarks). Benchmarks and the tornado module run on the class path,
 * where module boundaries do not apply.
 */
// the qualified exports name dev.jembed.pooling, which is compiled after this module
@SuppressWarnings("module")
module dev.jembed.engine {
    requires jdk.incubator.vector;
    requires com.fasterxml.jackson.core;

    exports dev.jembed.engine;
    exports dev.jembed.engine.config;
    exports dev.jembed.engine.tensor;
    exports dev.jembed.engine.kernel to
            dev.jembed.pooling;
    exports dev.jembed.engine.safetensors to
            dev.jembed.pooling;
    exports dev.jembed.engine.backend to
            dev.jembed.pooling;

    // encoders run on a Backend: this engine's own (cpu), or an offload module found at run time
    uses dev.jembed.engine.Backend;

    provides dev.jembed.engine.Backend with
            dev.jembed.engine.backend.CpuBackend;
}
