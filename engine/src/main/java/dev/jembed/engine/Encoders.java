package dev.jembed.engine;

import dev.jembed.engine.backend.Backends;
import dev.jembed.engine.backend.CpuBackend;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.model.Models;
import dev.jembed.engine.safetensors.SafetensorsWeights;
import dev.jembed.engine.tensor.Weights;
import java.nio.file.Path;

/**
 * Loads an {@link Encoder} from a Hugging Face model folder: {@code config.json} decides the
 * architecture, {@code model.safetensors} (or a sharded index) supplies the weights, memory-mapped.
 */
public final class Encoders {

    private Encoders() {}

    /** Loads the model in {@code modelFolder} with {@link EngineOptions#defaults()}. */
    public static Encoder load(Path modelFolder) {
        return load(modelFolder, EngineOptions.defaults());
    }

    /**
     * Loads the model in {@code modelFolder}. The encoder owns the opened weights and releases them
     * on {@link Encoder#close()}.
     *
     * @throws ModelFileException if config.json or the weights are missing, malformed, unsupported
     *                            or disagree with each other (the message names the file and reason)
     */
    public static Encoder load(Path modelFolder, EngineOptions options) {
        EncoderConfig config = EncoderConfig.read(modelFolder.resolve("config.json"));
        Weights weights = SafetensorsWeights.open(modelFolder);
        try {
            return new Owning(load(weights, config, options), weights);
        } catch (RuntimeException | Error e) {
            weights.close();
            throw e;
        }
    }

    /**
     * Builds the encoder {@code config.architecture()} names over {@code weights}, which stay owned
     * by the caller and must stay open while the encoder is used, on the backend
     * {@code options.backend()} names: {@code cpu}, an installed offload backend, or {@code auto}
     * (the first available offload backend, else {@code cpu}).
     *
     * @throws BackendUnavailableException if that backend is not installed or cannot run here
     */
    public static Encoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        if (options.backend().equals(CpuBackend.NAME)) return Models.load(weights, config, options);
        return Backends.select(options.backend()).backend().load(weights, config, options);
    }

    /** An encoder that also closes the weights it was loaded from. */
    private record Owning(Encoder encoder, Weights weights) implements Encoder {
        @Override
        public EncoderConfig config() {
            return encoder.config();
        }

        @Override
        public float[][] forward(int[][] inputIds, int[][] tokenTypeIds) {
            return encoder.forward(inputIds, tokenTypeIds);
        }

        @Override
        public void close() {
            try {
                encoder.close();
            } finally {
                weights.close();
            }
        }

        @Override
        public String toString() {
            return encoder.toString();
        }
    }
}
