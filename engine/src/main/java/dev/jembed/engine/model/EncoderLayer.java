package dev.jembed.engine.model;

import dev.jembed.engine.tensor.FloatTensor;

/**
 * The weights of one post-LayerNorm transformer layer, the same for BERT, RoBERTa and DistilBERT
 * (only the names differ): self-attention, residual + LayerNorm, feed-forward, residual + LayerNorm.
 * Linear weights are in PyTorch's {@code [out, in]} layout.
 */
record EncoderLayer(
        FloatTensor query,          // [hidden, hidden]
        FloatTensor queryBias,      // [hidden]
        FloatTensor key,            // [hidden, hidden]
        FloatTensor keyBias,        // [hidden]
        FloatTensor value,          // [hidden, hidden]
        FloatTensor valueBias,      // [hidden]
        FloatTensor attnOut,        // [hidden, hidden]
        FloatTensor attnOutBias,    // [hidden]
        FloatTensor attnNorm,       // [hidden] gamma of LayerNorm(attention output + input)
        FloatTensor attnNormBias,   // [hidden] beta
        FloatTensor ffnIn,          // [intermediate, hidden]
        FloatTensor ffnInBias,      // [intermediate]
        FloatTensor ffnOut,         // [hidden, intermediate]
        FloatTensor ffnOutBias,     // [hidden]
        FloatTensor outNorm,        // [hidden] gamma of LayerNorm(feed-forward output + its input)
        FloatTensor outNormBias) {  // [hidden] beta

    /** BERT / RoBERTa names, {@code encoder.layer.i....}. */
    static EncoderLayer loadBert(TensorLoader t, int i, long hidden, long intermediate) {
        String p = "encoder.layer." + i + ".";
        return new EncoderLayer(
                t.get(p + "attention.self.query.weight", hidden, hidden),
                t.get(p + "attention.self.query.bias", hidden),
                t.get(p + "attention.self.key.weight", hidden, hidden),
                t.get(p + "attention.self.key.bias", hidden),
                t.get(p + "attention.self.value.weight", hidden, hidden),
                t.get(p + "attention.self.value.bias", hidden),
                t.get(p + "attention.output.dense.weight", hidden, hidden),
                t.get(p + "attention.output.dense.bias", hidden),
                t.get(p + "attention.output.LayerNorm.weight", hidden),
                t.get(p + "attention.output.LayerNorm.bias", hidden),
                t.get(p + "intermediate.dense.weight", intermediate, hidden),
                t.get(p + "intermediate.dense.bias", intermediate),
                t.get(p + "output.dense.weight", hidden, intermediate),
                t.get(p + "output.dense.bias", hidden),
                t.get(p + "output.LayerNorm.weight", hidden),
                t.get(p + "output.LayerNorm.bias", hidden));
    }

    /** DistilBERT names, {@code transformer.layer.i....}. */
    static EncoderLayer loadDistilBert(TensorLoader t, int i, long hidden, long intermediate) {
        String p = "transformer.layer." + i + ".";
        return new EncoderLayer(
                t.get(p + "attention.q_lin.weight", hidden, hidden),
                t.get(p + "attention.q_lin.bias", hidden),
                t.get(p + "attention.k_lin.weight", hidden, hidden),
                t.get(p + "attention.k_lin.bias", hidden),
                t.get(p + "attention.v_lin.weight", hidden, hidden),
                t.get(p + "attention.v_lin.bias", hidden),
                t.get(p + "attention.out_lin.weight", hidden, hidden),
                t.get(p + "attention.out_lin.bias", hidden),
                t.get(p + "sa_layer_norm.weight", hidden),
                t.get(p + "sa_layer_norm.bias", hidden),
                t.get(p + "ffn.lin1.weight", intermediate, hidden),
                t.get(p + "ffn.lin1.bias", intermediate),
                t.get(p + "ffn.lin2.weight", hidden, intermediate),
                t.get(p + "ffn.lin2.bias", hidden),
                t.get(p + "output_layer_norm.weight", hidden),
                t.get(p + "output_layer_norm.bias", hidden));
    }
}
