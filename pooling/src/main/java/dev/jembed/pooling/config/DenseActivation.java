package dev.jembed.pooling.config;

/**
 * The activation function of a sentence-transformers {@code Dense} module, named in its config.json
 * by the PyTorch class (e.g. {@code torch.nn.modules.activation.Tanh}).
 */
public enum DenseActivation {
    /** {@code torch.nn.modules.linear.Identity}. */
    IDENTITY("Identity"),
    /** {@code torch.nn.modules.activation.Tanh}, the sentence-transformers default. */
    TANH("Tanh"),
    /** {@code torch.nn.modules.activation.ReLU}. */
    RELU("ReLU"),
    /** {@code torch.nn.modules.activation.Sigmoid}. */
    SIGMOID("Sigmoid");

    private final String className;

    DenseActivation(String className) {
        this.className = className;
    }

    /** The PyTorch class name, e.g. {@code Tanh}. */
    public String className() {
        return className;
    }

    /** Applies the function (in double, rounded once to float, as close to PyTorch's float32 as it gets). */
    public float apply(float x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> (float) Math.tanh(x);
            case RELU -> x > 0 || Float.isNaN(x) ? x : 0f;
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-(double) x)));
        };
    }

    /**
     * The activation for a fully qualified PyTorch name as sentence-transformers writes it
     * ({@code torch.nn.modules.activation.Tanh}) or imports it ({@code torch.nn.Tanh}); null if unsupported.
     */
    public static DenseActivation fromTorchName(String name) {
        if (!name.startsWith("torch.nn.")) return null;
        String cls = name.substring(name.lastIndexOf('.') + 1);
        String pkg = name.substring(0, name.lastIndexOf('.'));
        if (!pkg.equals("torch.nn") && !pkg.startsWith("torch.nn.modules")) return null;
        for (DenseActivation a : values()) if (a.className.equals(cls)) return a;
        return null;
    }
}
