package dev.jembed.pooling.config;

import java.nio.file.Path;

/**
 * A {@code Dense} module: {@code y = activation(W x + b)} (plus {@code x} or {@code R x} when
 * {@code use_residual}), with {@code W} of shape {@code [outFeatures, inFeatures]}.
 *
 * @param directory   the module folder holding config.json and the weights
 * @param weightsFile {@code model.safetensors} in that folder (tensors {@code linear.weight},
 *                    {@code linear.bias}, {@code residual.weight})
 */
public record DenseSpec(
        Path directory,
        Path weightsFile,
        int inFeatures,
        int outFeatures,
        boolean bias,
        DenseActivation activation,
        boolean residual)
        implements ModuleSpec {

    public DenseSpec {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Dense features must be positive: " + inFeatures + " -> " + outFeatures);
        }
    }

    @Override
    public String describe() {
        return "Dense(" + inFeatures + " -> " + outFeatures + ", bias=" + (bias ? "True" : "False") + ", activation="
                + activation.className() + (residual ? ", residual" : "") + ")";
    }
}
