/**
 * jembed tokenizer: text to token ids, as Hugging Face {@code tokenizers} computes them.
 * {@link dev.jembed.tokenizer.Tokenizer} is the API; the pipeline's parts (normalizers,
 * pre-tokenizers, models, post-processors, decoders, the text and JSON helpers) live in
 * packages that are not exported.
 */
module dev.jembed.tokenizer {
    requires com.fasterxml.jackson.core;

    exports dev.jembed.tokenizer;
}
