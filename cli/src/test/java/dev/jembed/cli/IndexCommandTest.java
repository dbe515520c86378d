package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jembed index} and {@code search --index} end to end on the real embedded model and the
 * conference talks: the index answers as {@code search --corpus} does, grows with the corpus, and
 * refuses what it must.
 */
class IndexCommandTest {
    private static final Path TALKS = Path.of("..", "examples", "conference-talks.txt");
    private static final String QUESTION = "How can we trust the numbers on our dashboards?";

    @TempDir
    static Path tmp;

    private static Path index;

    @BeforeAll
    static void buildIndex() {
        index = tmp.resolve("talks.idx");
        Cli.Result r = ok("index", "--corpus", TALKS.toString(), "--index", index.toString());
        assertTrue(
                r.stderr()
                        .contains(
                                "30 new lines indexed, 30 in all (model sentence-transformers/all-MiniLM-L6-v2, dimension 384)"),
                r.stderr());
    }

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), r.stderr());
        return r;
    }

    private static Cli.Result fails(int status, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(status, r.status(), r.stderr());
        return r;
    }

    @Test
    void indexAnswersAsTheCorpusSearchDoes() {
        for (String q : List.of(QUESTION, "Which talk is about privacy?")) {
            String fromCorpus = ok("search", "--corpus", TALKS.toString(), "--top-k", "3", q)
                    .out();
            assertEquals(
                    fromCorpus,
                    ok("search", "--index", index.toString(), "--top-k", "3", q).out());
        }
        // JSON prints scores in full: the index's dot products may differ from --corpus's cosines in the last bit
        String json = ok("search", "--corpus", TALKS.toString(), "--top-k", "5", "--json", QUESTION, "privacy")
                .out();
        String fromIndex = ok("search", "--index", index.toString(), "--top-k", "5", "--json", QUESTION, "privacy")
                .out();
        assertEquals(
                SCORE.matcher(json).replaceAll("S"), SCORE.matcher(fromIndex).replaceAll("S"));
        var a = SCORE.matcher(json)
                .results()
                .map(m -> Double.parseDouble(m.group(1)))
                .toList();
        var b = SCORE.matcher(fromIndex)
                .results()
                .map(m -> Double.parseDouble(m.group(1)))
                .toList();
        assertEquals(10, a.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i), b.get(i), 1e-6);
    }

    private static final java.util.regex.Pattern SCORE = java.util.regex.Pattern.compile("\"score\": ([-0-9.eE]+)");

    @Test
    void int8GraphGivesTheSameAnswers() {
        Path int8 = tmp.resolve("talks-int8.idx");
        ok("index", "--corpus", TALKS.toString(), "--index", int8.toString(), "--quantize", "int8");
        String fromCorpus = ok("search", "--corpus", TALKS.toString(), "--top-k", "3", QUESTION)
                .out();
        assertEquals(
                fromCorpus,
                ok("search", "--index", int8.toString(), "--top-k", "3", QUESTION)
                        .out());
        Cli.Result other =
                fails(1, "index", "--corpus", TALKS.toString(), "--index", int8.toString(), "--quantize", "none");
        assertTrue(other.stderr().contains("built with quantization int8"), other.stderr());
    }

    @Test
    void rerunningAddsOnlyNewLinesAndRefusesAChangedCorpus() throws IOException {
        Path corpus = tmp.resolve("growing.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(TALKS, StandardCharsets.UTF_8));
        Files.write(corpus, lines.subList(0, 10), StandardCharsets.UTF_8);
        Path grown = tmp.resolve("growing.idx");
        ok("index", "--corpus", corpus.toString(), "--index", grown.toString());
        Cli.Result again = ok("index", "--corpus", corpus.toString(), "--index", grown.toString());
        assertTrue(again.stderr().contains("0 new lines indexed, 10 in all"), again.stderr());
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        Cli.Result more = ok("index", "--corpus", corpus.toString(), "--index", grown.toString());
        assertTrue(more.stderr().contains("20 new lines indexed, 30 in all"), more.stderr());
        assertEquals(
                ok("search", "--index", index.toString(), "--top-k", "3", QUESTION)
                        .out(),
                ok("search", "--index", grown.toString(), "--top-k", "3", QUESTION)
                        .out());

        lines.set(2, "A talk that was renamed");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        Cli.Result changed = fails(1, "index", "--corpus", corpus.toString(), "--index", grown.toString());
        assertTrue(changed.stderr().contains("line 3 of the corpus differs from the indexed line 3"), changed.stderr());
        Files.write(corpus, lines.subList(0, 5), StandardCharsets.UTF_8);
        Cli.Result shorter = fails(1, "index", "--corpus", corpus.toString(), "--index", grown.toString());
        assertTrue(shorter.stderr().contains("holds 30 lines but the corpus has only 5"), shorter.stderr());
    }

    @Test
    void anotherQueryModelIsRefused() {
        String folder = Cli.embeddedModelFolder().toString();
        Cli.Result r = fails(1, "search", "--index", index.toString(), "--model", folder, QUESTION);
        assertTrue(
                r.stderr()
                        .contains(
                                "built with model sentence-transformers/all-MiniLM-L6-v2 (dimension 384), but the query model is "
                                        + Path.of(folder).toAbsolutePath().normalize()),
                r.stderr());
    }

    @Test
    void foreignOrMissingDirectoriesAndBadCommandLines() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(photos.resolve("cat.jpg"), "meow");
        Cli.Result foreign = fails(1, "search", "--index", photos.toString(), QUESTION);
        assertEquals(
                List.of("jembed: " + photos
                        + ": not a jembed index (no Lucene index in it; build one with 'jembed index')"),
                foreign.errLines());
        Cli.Result intoForeign = fails(1, "index", "--corpus", TALKS.toString(), "--index", photos.toString());
        assertTrue(intoForeign.stderr().contains("not a jembed index"), intoForeign.stderr());
        assertEquals("meow", Files.readString(photos.resolve("cat.jpg")));
        Cli.Result missing = fails(1, "search", "--index", tmp.resolve("nope").toString(), QUESTION);
        assertTrue(missing.stderr().contains("no such index directory"), missing.stderr());
        fails(2, "search", "--index", index.toString(), "--corpus", TALKS.toString(), QUESTION);
        fails(2, "index", "--corpus", TALKS.toString());
        fails(
                2,
                "index",
                "--corpus",
                TALKS.toString(),
                "--index",
                tmp.resolve("q").toString(),
                "--quantize",
                "int4");
    }
}
