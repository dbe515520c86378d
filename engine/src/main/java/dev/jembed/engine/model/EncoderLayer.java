package dev.jembed.engine.model;

import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.tensor.FloatTensor;

/**
 * The weights of one post-LayerNorm transformer layer, the same for BERT, RoBERTa and DistilBERT
 * (only the names differ): self-attention, residual + LayerNorm, feed-forward, residual + LayerNorm.
 * Linear weights ({@code [out, in]} as in PyTorch) are packed once at load time for the matmul kernel.
 */
record EncoderLayer(
        PackedMatrix query,           // [hidden, hidden] packed for the matmul kernel
        FloatTensor queryBias,        // [hidden]
        PackedMatrix key,             // [hidden, hidden] packed for the matmul kernel
        FloatTensor keyBias,          // [hidden]
        PackedMatrix value,           // [hidden, hidden] packed for the matmul kernel
        FloatTensor valueBias,        // [hidden]
        PackedMatrix attnOut,         // [hidden, hidden] packed for the matmul kernel
        FloatTensor attnOutBias,      // [hidden]
        FloatTensor attnNorm,         // [hidden] gamma of LayerNorm(attention output + input)
        FloatTensor attnNormBias,     // [hidden] beta
        PackedMatrix ffnIn,           // [intermediate, hidden] packed for the matmul kernel
        FloatTensor ffnInBias,        // [intermediate]
        PackedMatrix ffnOut,          // [hidden, intermediate] packed for the matmul kernel
        FloatTensor ffnOutBias,       // [hidden]
        FloatTensor outNorm,          // [hidden] gamma of LayerNorm(feed-forward output + its input)
        FloatTensor outNormBias) {    // [hidden] beta

    /** BERT / RoBERTa names, {@code encoder.layer.i....}. */
    static EncoderLayer loadBert(TensorLoader t, int i, long hidden, long intermediate) {
        String p = "encoder.layer." + i + ".";
        return new EncoderLayer(
                t.linear(p + "attention.self.query.weight", hidden, hidden),
                t.get(p + "attention.self.query.bias", hidden),
                t.linear(p + "attention.self.key.weight", hidden, hidden),
                t.get(p + "attention.self.key.bias", hidden),
                t.linear(p + "attention.self.value.weight", hidden, hidden),
                t.get(p + "attention.self.value.bias", hidden),
                t.linear(p + "attention.output.dense.weight", hidden, hidden),
                t.get(p + "attention.output.dense.bias", hidden),
                t.get(p + "attention.output.LayerNorm.weight", hidden),
                t.get(p + "attention.output.LayerNorm.bias", hidden),
                t.linear(p + "intermediate.dense.weight", intermediate, hidden),
                t.get(p + "intermediate.dense.bias", intermediate),
                t.linear(p + "output.dense.weight", hidden, intermediate),
                t.get(p + "output.dense.bias", hidden),
                t.get(p + "output.LayerNorm.weight", hidden),
                t.get(p + "output.LayerNorm.bias", hidden));
    }

    /** DistilBERT names, {@code transformer.layer.i....}. */
    static EncoderLayer loadDistilBert(TensorLoader t, int i, long hidden, long intermediate) {
        String p = "transformer.layer." + i + ".";
        return new EncoderLayer(
                t.linear(p + "attention.q_lin.weight", hidden, hidden),
                t.get(p + "attention.q_lin.bias", hidden),
                t.linear(p + "attention.k_lin.weight", hidden, hidden),
                t.get(p + "attention.k_lin.bias", hidden),
                t.linear(p + "attention.v_lin.weight", hidden, hidden),
                t.get(p + "attention.v_lin.bias", hidden),
                t.linear(p + "attention.out_lin.weight", hidden, hidden),
                t.get(p + "attention.out_lin.bias", hidden),
                t.get(p + "sa_layer_norm.weight", hidden),
                t.get(p + "sa_layer_norm.bias", hidden),
                t.linear(p + "ffn.lin1.weight", intermediate, hidden),
                t.get(p + "ffn.lin1.bias", intermediate),
                t.linear(p + "ffn.lin2.weight", hidden, intermediate),
                t.get(p + "ffn.lin2.bias", hidden),
                t.get(p + "output_layer_norm.weight", hidden),
                t.get(p + "output_layer_norm.bias", hidden));
    }
}
