package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.Pattern;
import dev.jembed.tokenizer.text.PreTokenizedString;
import dev.jembed.tokenizer.text.SplitBehavior;

/**
 * SentencePiece-style pre-tokenizer: spaces become the replacement character (usually U+2581),
 * which is prepended to the first word or every word, and words are split before it.
 */
public record Metaspace(int replacement, PrependScheme prependScheme, boolean split) implements PreTokenizer {
    /** When to prepend the replacement character. */
    public enum PrependScheme {
        ALWAYS,
        FIRST,
        NEVER
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        String rep = new String(Character.toChars(replacement));
        Pattern space = Pattern.of(c -> c == ' ');
        Pattern repPattern = Pattern.of(c -> c == replacement);
        text.split((n, out) -> {
            n.replace(space, rep);
            boolean startsWithRep = n.length() > 0 && n.codePointAt(0) == replacement;
            if (prependScheme == PrependScheme.ALWAYS && !startsWithRep) {
                n.prepend(rep);
            } else if (prependScheme == PrependScheme.FIRST && !startsWithRep && n.originalStart() == 0) {
                n.prepend(rep);
            }
            if (split) {
                n.split(repPattern, SplitBehavior.MERGED_WITH_NEXT, out);
            } else {
                out.add(n);
            }
        });
    }
}
