package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.kernel.Kernels;

/**
 * Hugging Face {@code BertPooler}, {@code tanh(dense(hidden state of the first token))}: the
 * {@code pooler_output}. sentence-transformers never uses it; it is kept for callers that want it.
 */
record BertPooler(Linear dense) {

    /** {@code dense} {@code [hidden, hidden]} if the checkpoint has the pooler (shapes checked), else null. */
    static BertPooler loadIfPresent(WeightPath p, EncoderConfig config) {
        WeightPath dense = p.pp("dense");
        if (!dense.contains("weight") && !dense.contains("bias")) return null;
        return new BertPooler(Linear.load(dense, config.hiddenSize(), config.hiddenSize()));
    }

    /** {@code pooler_output [hidden]} of one sequence from its last hidden state {@code [len * hidden]}. */
    float[] forward(Kernels kernels, float[] lastHiddenState) {
        int hidden = dense.out;
        if (lastHiddenState.length < hidden || lastHiddenState.length % hidden != 0) {
            throw new IllegalArgumentException(
                    "expected a [len * " + hidden + "] hidden state, got " + lastHiddenState.length + " floats");
        }
        // out [hidden] = tanh(h[0] W^T + b)
        float[] out = new float[hidden];
        kernels.matmul(dense.weights, lastHiddenState, 0, hidden, 1, out, 0, hidden, 0, hidden);
        for (int i = 0; i < hidden; i++) out[i] = (float) Math.tanh(out[i]);
        return out;
    }
}
