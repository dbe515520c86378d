package dev.jembed.pooling;

import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.pooling.config.DenseActivation;
import dev.jembed.pooling.config.DenseSpec;
import java.util.Objects;

/**
 * sentence-transformers' {@code Dense} module: {@code y = activation(W x + b)}, plus the input (or
 * {@code R x} when the sizes differ) if {@code use_residual}. {@code W} is {@code [out, in]}, the
 * PyTorch {@code nn.Linear} layout. Immutable and thread-safe; the weights are copied to the heap
 * (a Dense layer is at most a few MB).
 */
final class Dense implements HeadModule {
    private final int in;
    private final int out;
    private final float[] weight;
    private final float[] bias;
    private final DenseActivation activation;
    private final boolean residual;
    private final float[] residualWeight;

    /**
     * @param weight         {@code [out * in]} row-major
     * @param bias           {@code [out]} or null
     * @param residualWeight {@code [out * in]} when {@code residual} and {@code in != out}, else null
     */
    public Dense(
            int in,
            int out,
            float[] weight,
            float[] bias,
            DenseActivation activation,
            boolean residual,
            float[] residualWeight) {
        if (in <= 0 || out <= 0)
            throw new IllegalArgumentException("Dense sizes must be positive: " + in + " -> " + out);
        if (weight.length != in * out)
            throw new IllegalArgumentException("weight has " + weight.length + " values, expected " + in * out);
        if (bias != null && bias.length != out)
            throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + out);
        boolean projected = residual && in != out;
        if (projected != (residualWeight != null)) {
            throw new IllegalArgumentException(
                    projected ? "residual projection weight missing" : "unexpected residual weight");
        }
        if (residualWeight != null && residualWeight.length != in * out) {
            throw new IllegalArgumentException(
                    "residual weight has " + residualWeight.length + " values, expected " + in * out);
        }
        this.in = in;
        this.out = out;
        this.weight = weight.clone();
        this.bias = bias == null ? null : bias.clone();
        this.activation = Objects.requireNonNull(activation, "activation");
        this.residual = residual;
        this.residualWeight = residualWeight == null ? null : residualWeight.clone();
    }

    /**
     * The layer described by {@code spec}, its tensors ({@code linear.weight}, {@code linear.bias},
     * {@code residual.weight}) taken from {@code weights}; shapes are checked against the config.
     */
    public static Dense load(DenseSpec spec, Weights weights) {
        int in = spec.inFeatures(), out = spec.outFeatures();
        float[] w = tensor(spec, weights, "linear.weight", out, in);
        float[] b = spec.bias() ? tensor(spec, weights, "linear.bias", out) : null;
        float[] r = spec.residual() && in != out ? tensor(spec, weights, "residual.weight", out, in) : null;
        return new Dense(in, out, w, b, spec.activation(), spec.residual(), r);
    }

    private static float[] tensor(DenseSpec spec, Weights weights, String name, long... shape) {
        if (!weights.contains(name)) {
            throw new ModelConfigException(spec.weightsFile(), null, "missing tensor " + name);
        }
        FloatTensor t = weights.tensor(name);
        if (!t.hasShape(shape)) {
            throw new ModelConfigException(
                    spec.weightsFile(),
                    null,
                    "tensor " + name + " has shape " + java.util.Arrays.toString(t.shape()) + ", config.json implies "
                            + java.util.Arrays.toString(shape));
        }
        return t.toArray();
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    public int outputDimension(int inputDimension) {
        if (inputDimension != in)
            throw new IllegalArgumentException("Dense expects " + in + " inputs, got " + inputDimension);
        return out;
    }

    /** Applies the layer to one embedding. */
    @Override
    public float[] apply(float[] x) {
        if (x.length != in) throw new IllegalArgumentException("input has " + x.length + " values, expected " + in);
        float[] y = new float[out];
        for (int j = 0; j < out; j++) {
            float v = VectorOps.dot(x, 0, weight, j * in, in);
            if (bias != null) v += bias[j];
            v = activation.apply(v);
            if (residual) v += residualWeight == null ? x[j] : VectorOps.dot(x, 0, residualWeight, j * in, in);
            y[j] = v;
        }
        return y;
    }
}
