package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output}: symbolic links are written through, FIFOs and devices directly, a replaced file
 * keeps its permissions (a read-only one is refused unless the user may write it anyway, as root
 * may), a bad path is reported with the user's name for it before the model is loaded, and
 * temporary files are removed on interrupt and after dead processes.
 */
class OutputFileTest {
    @TempDir
    Path dir;

    private Path model;
    private byte[] expected;

    @BeforeEach
    void model() throws IOException {
        model = TinyModel.folder(dir.resolve("model"));
        Cli.Result r = Cli.run("embed", "--model", model.toString(), "w5 w7", "w9");
        assertEquals(0, r.status(), r.stderr());
        expected = r.stdout();
    }

    private Cli.Result embedTo(Path output) {
        return Cli.run("embed", "--model", model.toString(), "--output", output.toString(), "w5 w7", "w9");
    }

    @Test
    void aSymbolicLinkIsWrittenThrough() throws IOException {
        Path real = Files.writeString(dir.resolve("real.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), Path.of("real.jsonl"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.jsonl"), Path.of("new.jsonl"));
        assertEquals(0, embedTo(link).status());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertArrayEquals(expected, Files.readAllBytes(real));
        assertEquals(0, embedTo(dangling).status());
        assertTrue(Files.isSymbolicLink(dangling));
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("new.jsonl")));
    }

    @Test
    void aFifoIsWrittenDirectly() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals(0, embedTo(fifo).status());
        assertArrayEquals(expected, reader.get(2, TimeUnit.MINUTES));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a FIFO");
    }

    @Test
    void devNullIsWrittenDirectly() throws IOException {
        // /dev/null is only reached through a link here: a regression run as root would replace the link, not /dev/null
        Path link = Files.createSymbolicLink(dir.resolve("null.jsonl"), Path.of("/dev/null"));
        Cli.Result r = embedTo(link);
        assertEquals(0, r.status(), r.stderr());
        assertTrue(Files.isSymbolicLink(link));
        assertFalse(OutputTarget.of("/dev/null").atomic());
        assertFalse(OutputTarget.of("/dev/stdout").atomic());
        assertFalse(OutputTarget.of(link.toString()).atomic());
        assertTrue(OutputTarget.of(dir.resolve("new.jsonl").toString()).atomic());
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndAReadOnlyOneIsNotSilentlyMadeWritable() throws IOException {
        Path shared = Files.writeString(dir.resolve("shared.jsonl"), "old\n");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
        assertEquals(0, embedTo(shared).status());
        assertArrayEquals(expected, Files.readAllBytes(shared));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));

        Path readOnly = Files.writeString(dir.resolve("ro.jsonl"), "old\n");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        Cli.Result r = embedTo(readOnly);
        if (Files.isWritable(readOnly)) { // root may write it, as the shell's > would: it stays read-only
            assertEquals(0, r.status(), r.stderr());
            assertArrayEquals(expected, Files.readAllBytes(readOnly));
        } else {
            assertEquals(1, r.status());
            assertTrue(r.stderr().contains("cannot write " + readOnly + ": permission denied"), r.stderr());
            assertEquals("old\n", Files.readString(readOnly));
        }
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(readOnly)));
    }

    @Test
    void aBadOutputIsReportedWithTheUsersPathBeforeTheModelLoads() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("d"));
        // the model does not exist: had it been loaded first, its error would be the one reported
        Cli.Result r =
                Cli.run("embed", "--model", dir.resolve("no-model").toString(), "--output", folder.toString(), "w5");
        assertEquals(1, r.status());
        assertEquals("jembed: cannot write " + folder + ": it is a folder\n", r.stderr());
        r = Cli.run("embed", "--model", dir.resolve("no-model").toString(), "--output", "missing-folder/x.jsonl", "w5");
        assertEquals(1, r.status());
        assertTrue(r.stderr().startsWith("jembed: cannot write missing-folder/x.jsonl: the folder "), r.stderr());
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void temporaryFilesOfDeadProcessesAreSwept() throws IOException {
        Path out = dir.resolve("out.jsonl");
        // pid 999999999 cannot be running (pid_max is at most 2^22)
        Path dead = Files.writeString(dir.resolve(".out.jsonl.999999999.tmp"), "half");
        Path live = Files.writeString(
                dir.resolve(".out.jsonl."
                        + ProcessHandle.current().parent().orElseThrow().pid() + ".tmp"),
                "half");
        assertEquals(0, embedTo(out).status());
        assertArrayEquals(expected, Files.readAllBytes(out));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live), "a running process's file is left alone");
        assertFalse(
                Files.exists(dir.resolve(".out.jsonl." + ProcessHandle.current().pid() + ".tmp")));
    }

    @Test
    void anInterruptedRunRemovesItsTemporaryFile() throws Exception {
        Path out = dir.resolve("out.npy");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "embed",
                "--model",
                model.toString(),
                "--output",
                out.toString(),
                "--format",
                "jsonl"));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile())
                .start();
        Path tmp = dir.resolve(".out.npy." + p.pid() + ".tmp");
        // standard input stays open: the command waits for texts with its temporary file open
        p.getOutputStream().write("w5 w7\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        for (int i = 0; i < 1200 && !Files.exists(tmp) && p.isAlive(); i++) Thread.sleep(100);
        assertTrue(Files.exists(tmp), "the run started writing: " + Files.readString(dir.resolve("log")));
        assertEquals(
                0,
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                        .start()
                        .waitFor());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertFalse(Files.exists(tmp, LinkOption.NOFOLLOW_LINKS), "the shutdown hook deleted " + tmp);
        assertFalse(Files.exists(out));
    }
}
