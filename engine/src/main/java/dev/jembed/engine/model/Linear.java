package dev.jembed.engine.model;

import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.Dense;

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

    /** {@code act(x W^T + b)} with {@code <p>.weight} {@code [out, in]} and {@code <p>.bias} {@code [out]}. */
    static Linear load(WeightPath p, int in, int out, Activation act) {
        return new Linear(
                new Dense(p.packed("weight", out, in), p.tensor("bias", out).data(), act), in, out);
    }
}
