package dev.jembed.engine.model;

import dev.jembed.engine.config.HiddenAct;
import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.Dense;
import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.tensor.FloatTensor;

/**
 * PyTorch {@code nn.Linear}, {@code y = x W^T + b}, with the activation that follows it fused in: the
 * weight {@code [out, in]} packed once at load time for the matmul kernel, the bias read from the
 * checkpoint. {@link Compute#linear} runs it.
 */
final class Linear {
    final Dense weights; // act(x W^T + b): W [out, in] packed, b [out]
    final int in;
    final int out;
    /** This layer as a one-element list, for {@link Compute#linear(Linear[], float[], int, int, float[], int)}. */
    final Linear[] alone = {this};

    private Linear(Dense weights, int in, int out) {
        this.weights = weights;
        this.in = in;
        this.out = out;
    }

    /** {@code <p>.weight} {@code [out, in]} and {@code <p>.bias} {@code [out]}, no activation. */
    static Linear load(WeightPath p, int in, int out) {
        return load(p, in, out, Activation.NONE);
    }

    /** The kernel activation for config.json's {@code hidden_act}. */
    static Activation activation(HiddenAct hiddenAct) {
        return switch (hiddenAct) {
            case GELU -> Activation.GELU;
            case GELU_TANH -> Activation.GELU_TANH;
        };
    }

    /**
     * {@code act(x W^T + b)} with {@code <p>.weight} {@code [out, in]} and {@code <p>.bias} {@code [out]};
     * without weights if either is missing or misshapen, which {@link WeightPath#check()} then reports
     * before any forward pass.
     */
    static Linear load(WeightPath p, int in, int out, HiddenAct hiddenAct) {
        return load(p, in, out, activation(hiddenAct));
    }

    private static Linear load(WeightPath p, int in, int out, Activation act) {
        PackedMatrix weight = p.packed("weight", out, in);
        FloatTensor bias = p.tensor("bias", out);
        return new Linear(weight == null || bias == null ? null : new Dense(weight, bias.data(), act), in, out);
    }
}
