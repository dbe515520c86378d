package dev.jembed.tokenizer.processor;

import java.util.List;

/**
 * A tokenizer.json {@code post_processor}: adds special tokens around the encoded sequence(s)
 * and sets type ids. {@link #process} maps the list of encodings (one per sequence) to a new
 * list; the tokenizer then concatenates it, as HF's {@code process_encodings} and
 * {@code Encoding::merge} do.
 */
public interface PostProcessor {
    /** How many tokens {@link #process} adds for a single input or a pair. */
    int addedTokens(boolean isPair);

    List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens);
}
