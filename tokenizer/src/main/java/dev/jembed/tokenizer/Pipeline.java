package dev.jembed.tokenizer;

import dev.jembed.tokenizer.decoder.Decoder;
import dev.jembed.tokenizer.model.Model;
import dev.jembed.tokenizer.normalizer.Normalizer;
import dev.jembed.tokenizer.pretokenizer.PreTokenizer;
import dev.jembed.tokenizer.processor.PostProcessor;

/** The immutable components of a tokenizer; any of them but the model may be null. */
record Pipeline(
        Normalizer normalizer,
        PreTokenizer preTokenizer,
        Model model,
        PostProcessor postProcessor,
        Decoder decoder,
        AddedVocabulary addedVocabulary) {}
