package dev.jembed.tokenizer.normalizer;

import dev.jembed.tokenizer.text.NormalizedString;
import java.util.List;

/** Applies normalizers in order. */
public record NormalizerSequence(List<Normalizer> normalizers) implements Normalizer {
    public NormalizerSequence {
        normalizers = List.copyOf(normalizers);
    }

    @Override
    public void normalize(NormalizedString text) {
        for (Normalizer n : normalizers) {
            n.normalize(text);
        }
    }

    @Override
    public boolean cutSafe() {
        return normalizers.stream().allMatch(Normalizer::cutSafe);
    }
}
