package dev.jembed.engine.model;

import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.tensor.FloatTensor;

/**
 * PyTorch {@code nn.Linear}, {@code y = x W^T + b}: the weight {@code [out, in]} packed once at load
 * time for the matmul kernel, the bias read from the checkpoint. {@link Compute#linear} runs it.
 */
final class Linear {
    final PackedMatrix weight; // [out, in], packed
    final FloatTensor bias; // [out]
    final int in;
    final int out;
    /** This layer as a one-element list, for {@link Compute#linear(Linear[], float[], int, int, dev.jembed.engine.kernel.Activation, float[], int)}. */
    final Linear[] alone = {this};

    private Linear(PackedMatrix weight, FloatTensor bias, int in, int out) {
        this.weight = weight;
        this.bias = bias;
        this.in = in;
        this.out = out;
    }

    /** {@code <p>.weight} {@code [out, in]} and {@code <p>.bias} {@code [out]}. */
    static Linear load(WeightPath p, int in, int out) {
        return new Linear(p.packed("weight", out, in), p.tensor("bias", out), in, out);
    }
}
