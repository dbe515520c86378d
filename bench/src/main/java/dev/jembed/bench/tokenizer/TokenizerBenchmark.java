package dev.jembed.bench.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.jembed.tokenizer.Encoding;
import dev.jembed.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tokenization speed of jembed against Hugging Face tokenizers through DJL (Rust over JNI), both
 * with the all-MiniLM-L6-v2 tokenizer.json, on the 1,000 lines of bench-corpus.txt: one line per
 * call (batch 1), 32 lines per call (batch 32, DJL's batch call is multi-threaded in Rust), and
 * one 1 MB text. The primary score is lines (or MB) per second; the {@code tokens} counter is
 * tokens per second. No truncation or padding on either side.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar
 * bench/target/benchmarks.jar TokenizerBenchmark -f 1 -wi 2 -i 3}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TokenizerBenchmark {

    /** Tokens produced, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tokens {
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
        }

        /** Counts {@code n} tokens and returns them (for JMH's blackhole). */
        long add(long n) {
            tokens += n;
            return n;
        }
    }

    /** The corpus and both tokenizers. */
    @State(Scope.Benchmark)
    public static class Data {
        List<String> lines;
        List<List<String>> batches;
        String megabyte;
        Tokenizer jembed;
        HuggingFaceTokenizer djl;
        Path json;

        @Setup
        public void setup() throws IOException {
            try (InputStream in = resource("bench-corpus.txt")) {
                lines = new ArrayList<>();
                for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!l.isBlank()) {
                        lines.add(l);
                    }
                }
            }
            batches = new ArrayList<>();
            for (int i = 0; i < lines.size(); i += 32) {
                batches.add(lines.subList(i, Math.min(lines.size(), i + 32)));
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; sb.length() < 1_000_000; i++) {
                sb.append(lines.get(i % lines.size())).append('\n');
            }
            megabyte = sb.substring(0, 1_000_000);
            json = Files.createTempFile("bench-bert-tokenizer", ".json");
            try (InputStream in = resource("bert-tokenizer.json")) {
                Files.copy(in, json, StandardCopyOption.REPLACE_EXISTING);
            }
            jembed = Tokenizer.fromFile(json).withoutTruncation().withoutPadding();
            djl = HuggingFaceTokenizer.newInstance(
                    json, Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
            // both must agree before their speed is worth comparing
            for (String l : lines) {
                long[] ref = djl.encode(l).getIds();
                int[] mine = jembed.encode(l).ids();
                if (!Arrays.equals(Arrays.stream(mine).asLongStream().toArray(), ref)) {
                    throw new IllegalStateException("jembed and DJL disagree on: " + l);
                }
            }
        }

        @TearDown
        public void tearDown() throws IOException {
            djl.close();
            Files.deleteIfExists(json);
        }

        private static InputStream resource(String name) {
            InputStream in = TokenizerBenchmark.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in;
        }
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long jembedBatch1(Data d, Tokens t) {
        return t.add(sum(d.lines, l -> d.jembed.encode(l).length()));
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long djlBatch1(Data d, Tokens t) {
        return t.add(sum(d.lines, l -> d.djl.encode(l).getIds().length));
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long jembedBatch32(Data d, Tokens t) {
        return t.add(sum(d.batches, b -> sum(d.jembed.encodeBatch(b), Encoding::length)));
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public long djlBatch32(Data d, Tokens t) {
        return t.add(sum(d.batches, b -> sum(Arrays.asList(d.djl.batchEncode(b)), e -> e.getIds().length)));
    }

    @Benchmark
    public long jembedOneMegabyte(Data d, Tokens t) {
        return t.add(d.jembed.encode(d.megabyte).length());
    }

    @Benchmark
    public long djlOneMegabyte(Data d, Tokens t) {
        return t.add(d.djl.encode(d.megabyte).getIds().length);
    }

    /** The tokens of all {@code items}, {@code tokens} counting one item's (a line or a batch). */
    private static <T> int sum(List<T> items, ToIntFunction<T> tokens) {
        int n = 0;
        for (T item : items) {
            n += tokens.applyAsInt(item);
        }
        return n;
    }
}
