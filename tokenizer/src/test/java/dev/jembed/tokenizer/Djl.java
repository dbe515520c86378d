package dev.jembed.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.jembed.fixtures.TestFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: Hugging Face tokenizers (Rust) through DJL, and the comparison of its encodings
 * with jembed's. DJL reports offsets in code points and a null span for tokens outside every
 * sequence (added special tokens, padding); jembed's offsets are converted with
 * {@link Encoding#codePointOffsets} and a null span must meet sequence id -1 and offsets (0, 0).
 *
 * <p>DJL passes Java strings to Rust through JNI's modified UTF-8, which turns an unpaired
 * surrogate into three U+FFFD (and, in a string that has one, every supplementary character into
 * six); jembed replaces each unpaired surrogate by one U+FFFD, the Unicode-correct reading. Inputs
 * are therefore given to DJL after {@link TextOffsets#clean}, and to jembed raw, so the comparison
 * also proves that jembed's replacement is what HF computes on the cleaned text.
 */
final class Djl {
    private Djl() {}

    static HuggingFaceTokenizer load(Path json, String... options) {
        Map<String, String> m = new HashMap<>();
        m.put("addSpecialTokens", "true");
        m.put("truncation", "false");
        m.put("padding", "false");
        for (int i = 0; i < options.length; i += 2) {
            m.put(options[i], options[i + 1]);
        }
        try {
            return HuggingFaceTokenizer.newInstance(json, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a class-path resource to a temporary file (DJL reads files). */
    static Path resourceFile(String resource, String suffix) {
        try (InputStream in = Djl.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            Path p = Files.createTempFile("jembed-", suffix);
            p.toFile().deleteOnExit();
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String resource) {
        InputStream in = Djl.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing class-path resource " + resource);
        }
        return in;
    }

    /** Both sentences of every STS-B test pair. */
    static List<String[]> stsbPairs() {
        return TestFixtures.stsb().stream()
                .map(p -> new String[] {p.first(), p.second()})
                .toList();
    }

    static List<String> stsbSentences() {
        List<String> out = new ArrayList<>();
        for (String[] p : stsbPairs()) {
            out.add(p[0]);
            out.add(p[1]);
        }
        return out;
    }

    /** Null when equal, else what differs. */
    static String diff(Encoding e, ai.djl.huggingface.tokenizers.Encoding d, String first, String second) {
        long[] ids = d.getIds();
        if (ids.length != e.length()) {
            return "length " + e.length() + " vs DJL " + ids.length + "\n jembed " + Arrays.toString(e.tokens())
                    + "\n DJL    " + Arrays.toString(d.getTokens());
        }
        int[][] cp = e.codePointOffsets(TextOffsets.clean(first), second == null ? null : TextOffsets.clean(second));
        CharSpan[] spans = d.getCharTokenSpans();
        for (int i = 0; i < ids.length; i++) {
            String where = " at token " + i + " (" + d.getTokens()[i] + ")";
            if (ids[i] != e.ids()[i]) {
                return "id " + e.ids()[i] + " vs DJL " + ids[i] + where + "\n jembed " + Arrays.toString(e.tokens())
                        + "\n DJL    " + Arrays.toString(d.getTokens());
            }
            if (!d.getTokens()[i].equals(e.tokens()[i])) {
                return "token '" + e.tokens()[i] + "'" + where;
            }
            if (d.getTypeIds()[i] != e.typeIds()[i]) {
                return "type id " + e.typeIds()[i] + " vs DJL " + d.getTypeIds()[i] + where;
            }
            if (d.getAttentionMask()[i] != e.attentionMask()[i]) {
                return "attention mask" + where;
            }
            if (d.getSpecialTokenMask()[i] != e.specialTokensMask()[i]) {
                return "special tokens mask " + e.specialTokensMask()[i] + " vs DJL " + d.getSpecialTokenMask()[i]
                        + where;
            }
            if (spans[i] == null) {
                if (e.sequenceIds()[i] != -1 || e.startOffsets()[i] != 0 || e.endOffsets()[i] != 0) {
                    return "DJL has no span but jembed has sequence " + e.sequenceIds()[i] + where;
                }
            } else if (spans[i].getStart() != cp[0][i] || spans[i].getEnd() != cp[1][i]) {
                return "offsets " + cp[0][i] + ".." + cp[1][i] + " vs DJL " + spans[i].getStart() + ".."
                        + spans[i].getEnd() + where;
            }
        }
        return null;
    }

    /** Readable form of a test string (escapes non-ASCII), cut to 200 code points. */
    static String show(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u{%X}", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > 200 ? b + "...(" + s.length() + " chars)" : b.toString();
    }

    /** Collects disagreements; {@link #report} fails with the first few. */
    static final class Tally {
        final String name;
        int compared;
        int failed;
        final StringBuilder details = new StringBuilder();

        Tally(String name) {
            this.name = name;
        }

        void check(Encoding e, ai.djl.huggingface.tokenizers.Encoding d, String first, String second) {
            compared++;
            String why = diff(e, d, first, second);
            if (why != null) {
                fail(why + "\n text: " + show(first) + (second == null ? "" : "\n pair: " + show(second)));
            }
        }

        void fail(String what) {
            failed++;
            if (failed <= 5) {
                details.append("\n- ").append(what);
            }
        }

        String report() {
            return name + ": " + failed + " of " + compared + " differ from Hugging Face" + details;
        }
    }
}
