/**
 * The engine's entry points: {@link dev.jembed.engine.Encoders#load(java.nio.file.Path)} builds an
 * {@link dev.jembed.engine.Encoder} (token ids in, last hidden states out) from a Hugging Face model
 * folder; {@link dev.jembed.engine.EngineOptions} sets its threads, {@link dev.jembed.engine.WeightFormat}
 * and backend; every bad file fails with a {@link dev.jembed.engine.ModelFileException} naming the
 * file and the reason. {@link dev.jembed.engine.Backend} and {@link dev.jembed.engine.BackendStatus}
 * are the service an offload module implements (the engine's own {@code cpu} backend and the discovery
 * of the others are in a package that is not exported). The model code behind {@code Encoders.load}
 * (one class per Hugging Face module) is in the non-exported package {@code dev.jembed.engine.model},
 * whose documentation maps each Hugging Face module to its Java class.
 */
package dev.jembed.engine;
