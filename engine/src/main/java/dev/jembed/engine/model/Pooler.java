package dev.jembed.engine.model;

import dev.jembed.engine.kernel.Activation;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.tensor.FloatTensor;

/**
 * BERT's optional pooler, {@code tanh(dense(hidden state of the first token))}. sentence-transformers
 * never uses it; it is kept for callers that want Hugging Face's {@code pooler_output}.
 */
record Pooler(
        PackedMatrix dense,     // [hidden, hidden] packed for the matmul kernel
        FloatTensor denseBias) { // [hidden]

    /** The pooler if the checkpoint has one (shapes validated), else null. */
    static Pooler loadIfPresent(TensorLoader t, long hidden) {
        if (!t.has("pooler.dense.weight") && !t.has("pooler.dense.bias")) return null;
        return new Pooler(t.linear("pooler.dense.weight", hidden, hidden), t.get("pooler.dense.bias", hidden));
    }

    /** {@code pooler_output} of one sequence from its {@code [len * hidden]} last hidden state. */
    float[] apply(Kernels kernels, float[] lastHiddenState, int hidden) {
        if (lastHiddenState.length < hidden || lastHiddenState.length % hidden != 0) {
            throw new IllegalArgumentException("expected a [len * " + hidden + "] hidden state, got "
                    + lastHiddenState.length + " floats");
        }
        float[] out = new float[hidden];
        kernels.matmul(lastHiddenState, 0, hidden, 1, dense, denseBias.data(), Activation.NONE, out, 0, hidden, 0, hidden);
        for (int i = 0; i < hidden; i++) out[i] = (float) Math.tanh(out[i]);
        return out;
    }
}
