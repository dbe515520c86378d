package dev.jembed.engine.config;

/**
 * The feed-forward activation named by {@code config.json}'s {@code hidden_act} (BERT, RoBERTa) or
 * {@code activation} (DistilBERT), as Hugging Face's {@code ACT2FN} maps those names. The models turn
 * it into the matching kernel activation; the config knows nothing of kernels.
 */
public enum HiddenAct {
    /** {@code "gelu"}: the exact GELU, {@code x * Phi(x)} with the error function. */
    GELU,
    /** {@code "gelu_new"}, {@code "gelu_pytorch_tanh"}: the tanh approximation of GELU. */
    GELU_TANH
}
