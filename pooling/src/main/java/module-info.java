/**
 * jembed pooling: the sentence-transformers pipeline. {@link dev.jembed.pooling.SentenceTransformer}
 * loads a model (a folder or a Hugging Face id) and turns texts into embeddings; the other exported
 * types are its options, results and errors. Exports {@code dev.jembed.pooling} only: the readers of
 * the sentence-transformers configs ({@code dev.jembed.pooling.config}), the model-id resolution and
 * Hugging Face cache ({@code dev.jembed.pooling.hub}) and the JSON reader are not exported; Pooling,
 * Dense and Normalize modules, quantization and search are package-private.
 */
module dev.jembed.pooling {
    // in the API: SentenceTransformer.tokenizer(), LoadOptions.withWeights(WeightFormat),
    // ModelConfigException extends the engine's ModelFileException
    requires transitive dev.jembed.tokenizer;
    requires transitive dev.jembed.engine;
    requires com.fasterxml.jackson.core;
    requires java.net.http;
    // only SimdOps uses it, and only after the engine chose its SIMD kernels: without the module
    // the pipeline runs on ScalarOps
    requires static jdk.incubator.vector;

    exports dev.jembed.pooling;
}
