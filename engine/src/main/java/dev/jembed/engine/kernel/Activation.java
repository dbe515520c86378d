package dev.jembed.engine.kernel;

/** The element-wise function a matmul applies to its output after the bias (Hugging Face {@code hidden_act}). */
public enum Activation {
    /** Identity. */
    NONE,
    /** Exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}: Hugging Face {@code gelu}. */
    GELU,
    /** Tanh approximation, {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}: {@code gelu_new}, {@code gelu_pytorch_tanh}. */
    GELU_TANH
}
