package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The constant operands of a matmul, {@code y = act(x W^T + b)}: what {@link Kernels#matmul} needs
 * besides the activations. Built once when a model is loaded, so a forward pass allocates nothing.
 *
 * @param weight {@code W [n, k]}
 * @param bias   {@code b [n]} as little-endian float32, or null for none
 * @param act    applied to every output after the bias
 */
public record Dense(WeightMatrix weight, MemorySegment bias, Activation act) {

    /**
     * Checks the bias against the weight.
     *
     * @throws IllegalArgumentException if the bias holds fewer than {@code n} floats
     */
    public Dense {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(act, "act");
        if (bias != null && bias.byteSize() < 4L * weight.n()) {
            throw new IllegalArgumentException(
                    "bias has " + bias.byteSize() + " bytes, " + weight.n() + " outputs need " + 4L * weight.n());
        }
    }

    /** {@code y = x W^T}, no bias, no activation. */
    public static Dense of(WeightMatrix weight) {
        return new Dense(weight, null, Activation.NONE);
    }

    /** Output columns {@code [colFrom, colTo)} must lie within {@code [0, n)}. */
    void checkColumns(int colFrom, int colTo) {
        if (colFrom < 0 || colTo > weight.n() || colFrom > colTo) {
            throw new IndexOutOfBoundsException("columns [" + colFrom + ", " + colTo + ") of " + weight);
        }
    }
}
