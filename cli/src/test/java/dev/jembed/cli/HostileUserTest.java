package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile but realistic user found: vectors that changed once the JIT had warmed up,
 * input read whole before the first vector, and unhelpful messages.
 */
class HostileUserTest {
    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void model() throws IOException {
        model = TinyModel.folder(dir.resolve("model"));
    }

    @Test
    void aTextHasTheSameBitsColdInAnInterpreterAndWarmInsideBatchesOfEverySize() throws Exception {
        // cold: the first and only call of a JVM that never compiles anything
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "embed",
                "--model",
                model.toString(),
                "w5 w7 w9 w11");
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String cold = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(1, cold.lines().count(), cold);

        // warm: after 12,000 other texts, as the last line, at several batch sizes
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12_000; i++)
            lines.add("w" + (104 + i % 890) + " w" + (104 + i * 7 % 890) + (i % 3 == 0 ? " w42" : ""));
        lines.add("w5 w7 w9 w11");
        Path input = Files.write(dir.resolve("in.txt"), lines);
        for (String batch : new String[] {"1", "7", "32", "1000"}) {
            Cli.Result r =
                    Cli.run("embed", "--model", model.toString(), "--input", input.toString(), "--batch-size", batch);
            assertEquals(0, r.status(), r.stderr());
            assertEquals(cold.strip(), r.outLines().getLast(), "batch " + batch);
        }
        Cli.Result alone = Cli.run("embed", "--model", model.toString(), "w5 w7 w9 w11");
        assertEquals(cold, alone.out());
    }

    @Test
    void inputIsStreamedNotReadWholeBeforeTheFirstVector() {
        int lines = 20_000;
        long[] readAtFirstWrite = {-1};
        CountingLines in = new CountingLines(lines);
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                if (readAtFirstWrite[0] < 0) readAtFirstWrite[0] = in.linesRead;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (readAtFirstWrite[0] < 0) readAtFirstWrite[0] = in.linesRead;
            }
        };
        var err = new ByteArrayOutputStream();
        int status = Main.run(
                new String[] {"embed", "--model", model.toString()},
                new Io(in, out, new PrintStream(err, true, StandardCharsets.UTF_8), false));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(lines, in.linesRead);
        assertTrue(
                readAtFirstWrite[0] >= 0 && readAtFirstWrite[0] < lines / 2,
                "lines read before the first vector was written: " + readAtFirstWrite[0]);
    }

    /** Standard input of {@code n} lines made on demand, counting how many were handed out. */
    private static final class CountingLines extends InputStream {
        private final int n;
        private int linesRead;
        private byte[] line = new byte[0];
        private int pos;

        CountingLines(int n) {
            this.n = n;
        }

        @Override
        public int read() {
            if (pos == line.length) {
                if (linesRead == n) return -1;
                line = ("w" + (104 + linesRead % 890) + " w77\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
                linesRead++;
            }
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            int c = read();
            if (c < 0) return -1;
            b[off] = (byte) c;
            int k = 1;
            while (k < len && pos < line.length) b[off + k++] = line[pos++];
            return k;
        }
    }

    @Test
    void aFolderGivenAsInputOrCorpusIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("texts"));
        Cli.Result r = Cli.run("embed", "--model", model.toString(), "--input", folder.toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("cannot read " + folder + ": it is a folder"), r.stderr());
        r = Cli.run("search", "--model", model.toString(), "--corpus", folder.toString(), "w5");
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("cannot read " + folder + ": it is a folder"), r.stderr());
    }

    @Test
    void aHugeTopKIsOutOfRangeNotANonInteger() {
        Cli.Result r = Cli.run("search", "--model", model.toString(), "--corpus", "-", "--top-k", "99999999999", "w5");
        assertEquals(2, r.status());
        assertTrue(r.stderr().contains("--top-k is out of range: 99999999999"), r.stderr());
        r = Cli.run("search", "--model", model.toString(), "--corpus", "-", "--top-k", "ten", "w5");
        assertTrue(r.stderr().contains("--top-k needs an integer"), r.stderr());
    }

    @Test
    void moreThreadsThanCoresIsWarnedAbout() {
        int cores = Runtime.getRuntime().availableProcessors();
        Cli.Result r = Cli.run("embed", "--model", model.toString(), "--threads", Integer.toString(cores + 3), "w5");
        assertEquals(0, r.status(), r.stderr());
        assertTrue(
                r.stderr().contains("warning: --threads " + (cores + 3) + " is more than the " + cores + " cores"),
                r.stderr());
        assertEquals(
                "",
                Cli.run("embed", "--model", model.toString(), "--threads", Integer.toString(cores), "w5")
                        .stderr());
    }

    @Test
    void aClosedPipeEndsTheCommandQuietly() {
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        var err = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>(List.of("embed", "--model", model.toString()));
        for (int i = 0; i < 300; i++) texts.add("w" + (200 + i));
        int status = Main.run(
                texts.toArray(String[]::new),
                new Io(
                        InputStream.nullInputStream(),
                        closedPipe,
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false));
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
