package dev.jembed.pooling.config;

import java.nio.file.Path;

/**
 * The {@code Transformer} module: where the Hugging Face model lives and how sentence-transformers
 * feeds it text.
 *
 * @param directory    the folder holding config.json, the weights and the tokenizer files
 * @param hiddenSize   config.json {@code hidden_size} ({@code dim} for DistilBERT)
 * @param maxSeqLength tokens per text including special tokens; longer texts are truncated
 * @param doLowerCase  lowercase each text before tokenizing (sentence_bert_config.json)
 */
public record TransformerSpec(Path directory, int hiddenSize, int maxSeqLength, boolean doLowerCase)
        implements ModuleSpec {

    public TransformerSpec {
        if (hiddenSize <= 0) throw new IllegalArgumentException("hiddenSize must be positive: " + hiddenSize);
        if (maxSeqLength <= 0) throw new IllegalArgumentException("maxSeqLength must be positive: " + maxSeqLength);
    }

    @Override
    public String describe() {
        return "Transformer(max_seq_length=" + maxSeqLength + ", do_lower_case=" + (doLowerCase ? "True" : "False")
                + ")";
    }
}
