package dev.jembed.tokenizer.processor;

import java.util.List;

/** Applies post-processors in order, each to the encodings the previous one produced. */
public record ProcessorSequence(List<PostProcessor> processors) implements PostProcessor {
    public ProcessorSequence {
        processors = List.copyOf(processors);
    }

    @Override
    public int addedTokens(boolean isPair) {
        int n = 0;
        for (PostProcessor p : processors) {
            n += p.addedTokens(isPair);
        }
        return n;
    }

    @Override
    public List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens) {
        List<RawEncoding> e = encodings;
        for (PostProcessor p : processors) {
            e = p.process(e, addSpecialTokens);
        }
        return e;
    }
}
