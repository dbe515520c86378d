package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines that fail before or while loading a model: statuses and the one line on stderr. */
class MainTest {
    private static final List<String> COMMANDS = List.of("embed", "similarity", "search", "index", "tokenize", "info");

    @TempDir
    Path dir;

    private static void usage(String expectedLine, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(List.of(expectedLine), r.errLines());
        assertEquals(Main.USAGE, r.status());
        assertEquals(0, r.stdout().length);
    }

    private static Cli.Result failure(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(Main.FAILURE, r.status(), r.stderr());
        assertEquals(1, r.errLines().size(), "one line on stderr: " + r.stderr());
        assertTrue(r.stderr().startsWith("jembed: "), r.stderr());
        return r;
    }

    @Test
    void helpIsPrintedOnStandardOutputForTheToolAndEveryCommand() {
        Cli.Result top = Cli.run("--help");
        assertEquals(0, top.status());
        for (String c : COMMANDS) assertTrue(top.out().contains("\n  " + c + " "), c);
        for (String c : COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                Cli.Result r = Cli.run(c, flag);
                assertEquals(0, r.status());
                assertTrue(r.out().startsWith("usage: jembed " + c), r.out());
                assertEquals("", r.stderr());
            }
            assertEquals(Cli.run(c, "--help").out(), Cli.run("help", c).out());
        }
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        usage("jembed: no command given; try 'jembed --help'");
        usage(
                "jembed: unknown command 'embedd'; the commands are embed, similarity, search, index, tokenize, info, serve (see 'jembed --help')",
                "embedd");
        usage(
                "jembed: option --top-k must be at least 1, got 0 (see 'jembed search --help')",
                "search",
                "--corpus",
                "corpus.txt",
                "--top-k",
                "0",
                "query");
        usage("jembed: search needs --corpus FILE or --index DIR (see 'jembed search --help')", "search", "query");
        usage(
                "jembed: search needs at least one query (see 'jembed search --help')",
                "search",
                "--corpus",
                "corpus.txt");
        usage(
                "jembed: similarity needs two texts (or --pairs FILE), got 1 argument (see 'jembed similarity --help')",
                "similarity",
                "a");
        usage(
                "jembed: --normalize and --no-normalize exclude each other (see 'jembed embed --help')",
                "embed",
                "--normalize",
                "--no-normalize",
                "a");
        usage(
                "jembed: option --precision must be one of float32, int8, uint8, binary, ubinary, got \"fp16\" (see 'jembed embed --help')",
                "embed",
                "--precision",
                "fp16",
                "a");
        usage(
                "jembed: option --format must be one of jsonl, csv, npy, got \"xml\" (see 'jembed embed --help')",
                "embed",
                "--format",
                "xml",
                "a");
        usage(
                "jembed: option --batch-size must be at least 1, got 0 (see 'jembed embed --help')",
                "embed",
                "--batch-size",
                "0",
                "a");
        usage(
                "jembed: option --threads needs an integer, got \"many\" (see 'jembed info --help')",
                "info",
                "--threads",
                "many");
        usage(
                "jembed: --weights: unknown weight format \"q4\"; use f32, bf16 or int8 (see 'jembed embed --help')",
                "embed",
                "--weights",
                "q4",
                "a");
        usage(
                "jembed: give texts either as arguments or with --input, not both (see 'jembed embed --help')",
                "embed",
                "--input",
                "f",
                "a");
        usage(
                "jembed: give either --model or --tokenizer, not both (see 'jembed tokenize --help')",
                "tokenize",
                "--model",
                "m",
                "--tokenizer",
                "t");
        usage(
                "jembed: unknown option --topk for 'search'; a text that starts with a dash goes after -- (see 'jembed search --help')",
                "search",
                "--topk",
                "3");
    }

    @Test
    void anEmptyCorpusIsAClearFailure() throws IOException {
        Path corpus = Files.createFile(dir.resolve("empty.txt"));
        Cli.Result r = failure("search", "--corpus", corpus.toString(), "query");
        assertEquals(
                "jembed: the corpus " + corpus + " is empty: no lines to search",
                r.errLines().getFirst());
    }

    @Test
    void missingInputFilesAreNamed() {
        Path missing = dir.resolve("nope.txt");
        assertEquals(
                "jembed: no such file: " + missing,
                failure("search", "--corpus", missing.toString(), "q")
                        .errLines()
                        .getFirst());
        assertEquals(
                "jembed: no such file: " + missing,
                failure("embed", "--input", missing.toString()).errLines().getFirst());
        assertEquals(
                "jembed: no such file: " + missing,
                failure("similarity", "--pairs", missing.toString()).errLines().getFirst());
    }

    @Test
    void aMissingModelFolderIsNamed() {
        Path missing = dir.resolve("no-such-model");
        assertEquals(
                "jembed: no model folder at " + missing,
                failure("info", "--model", missing.toString()).errLines().getFirst());
    }

    @Test
    void aModelFolderWithoutWeightsNamesTheMissingFile() throws IOException {
        Path model = copyModelConfig("no-weights");
        String line = failure("embed", "--model", model.toString(), "hello")
                .errLines()
                .getFirst();
        assertTrue(line.contains(model.toString()) && line.contains("model.safetensors"), line);
    }

    @Test
    void aCorruptWeightsFileIsNamed() throws IOException {
        Path model = copyModelConfig("corrupt");
        Files.write(model.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        String line = failure("embed", "--model", model.toString(), "hello")
                .errLines()
                .getFirst();
        assertTrue(line.contains(model.resolve("model.safetensors").toString()), line);
    }

    @Test
    void debugAddsTheStackTrace() {
        Path missing = dir.resolve("no-such-model");
        Cli.Result r = Cli.run("info", "--debug", "--model", missing.toString());
        assertEquals(Main.FAILURE, r.status());
        assertEquals("jembed: no model folder at " + missing, r.errLines().getFirst());
        assertTrue(r.stderr().contains("\tat dev.jembed."), r.stderr());
    }

    @Test
    void invalidUtf8IsReplacedWithTheLineCountKeptAndAWarning() {
        Path tokenizer = Cli.embeddedModelFolder().resolve("tokenizer.json");
        byte[] input = {'h', 'i', '\n', '\n', 'a', (byte) 0xFF, 'b', '\n', 'o', 'k'};
        Cli.Result r = Cli.run(input, "tokenize", "--tokenizer", tokenizer.toString());
        assertEquals(0, r.status(), r.stderr());
        assertEquals(
                List.of(
                        "jembed: warning: standard input: invalid UTF-8 replaced by U+FFFD (1 sequence, the first on line 3)"),
                r.errLines());
        // BERT's normalizer (clean_text) drops U+FFFD as Hugging Face's does, so "a\uFFFDb" is the word "ab"
        assertEquals(List.of("[101, 7632, 102]", "[101, 102]", "[101, 11113, 102]", "[101, 7929, 102]"), r.outLines());
    }

    @Test
    void aPairsFileLineWithoutATabIsNamed() throws IOException {
        Path pairs = Files.writeString(dir.resolve("pairs.tsv"), "a\tb\nno tab here\n", StandardCharsets.UTF_8);
        assertEquals(
                "jembed: " + pairs + ": line 2 must hold two texts separated by one tab, found no tab",
                failure("similarity", "--pairs", pairs.toString()).errLines().getFirst());
    }

    /** The embedded model's small files, without its weights. */
    private Path copyModelConfig(String name) throws IOException {
        Path src = Cli.embeddedModelFolder();
        Path model = dir.resolve(name);
        Files.createDirectories(model.resolve("1_Pooling"));
        for (String f : List.of(
                "config.json",
                "modules.json",
                "sentence_bert_config.json",
                "config_sentence_transformers.json",
                "special_tokens_map.json",
                "tokenizer_config.json",
                "tokenizer.json",
                "vocab.txt",
                "1_Pooling/config.json")) {
            Files.copy(src.resolve(f), model.resolve(f));
        }
        return model;
    }
}
