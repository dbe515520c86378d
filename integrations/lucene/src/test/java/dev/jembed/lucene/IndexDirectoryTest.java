package dev.jembed.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a jembed index directory refuses: missing, foreign, corrupt, another model; and how it grows. */
class IndexDirectoryTest {
    private static final String MODEL = "org/model";
    private static final int DIM = 8;

    @TempDir
    Path tmp;

    private final SyntheticVectors vectors = new SyntheticVectors(7, DIM, 4);

    private Path build(String name, int lines) {
        Path dir = tmp.resolve(name);
        try (VectorIndexWriter w = VectorIndexWriter.open(dir, MODEL, DIM, VectorQuantization.NONE)) {
            for (int i = 0; i < lines; i++) w.add("line " + i, vectors.next());
        }
        return dir;
    }

    @Test
    void reopenedWriterContinuesTheLineNumbers() {
        Path dir = build("grow", 3);
        try (VectorIndexWriter w = VectorIndexWriter.open(dir, MODEL, DIM, VectorQuantization.NONE)) {
            assertEquals(3, w.lines());
            w.add("line 3", vectors.next());
        }
        try (VectorIndexReader r = VectorIndexReader.open(dir)) {
            assertEquals(4, r.metadata().lines());
            List<String> seen = new ArrayList<>();
            r.forEachLine((line, text) -> seen.add(line + ":" + text));
            assertEquals(List.of("0:line 0", "1:line 1", "2:line 2", "3:line 3"), seen);
        }
    }

    @Test
    void missingDirectoryAndPlainFileAreRefused() throws IOException {
        IndexException missing =
                assertThrows(IndexException.class, () -> VectorIndexReader.open(tmp.resolve("nothing")));
        assertTrue(missing.getMessage().contains("no such index directory"), missing.getMessage());
        Path file = Files.writeString(tmp.resolve("file.txt"), "hello");
        IndexException notDir = assertThrows(IndexException.class, () -> VectorIndexReader.open(file));
        assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
        assertThrows(IndexException.class, () -> VectorIndexWriter.open(file, MODEL, DIM, VectorQuantization.NONE));
        assertEquals("hello", Files.readString(file));
    }

    @Test
    void foreignDirectoryIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("cat.jpg"), "not an index");
        IndexException read = assertThrows(IndexException.class, () -> VectorIndexReader.open(dir));
        assertTrue(read.getMessage().contains("not a jembed index"), read.getMessage());
        IndexException write = assertThrows(
                IndexException.class, () -> VectorIndexWriter.open(dir, MODEL, DIM, VectorQuantization.NONE));
        assertTrue(write.getMessage().contains("not a jembed index"), write.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("cat.jpg")), files.toList());
        }
    }

    @Test
    void luceneIndexOfAnotherApplicationIsRefused() throws IOException {
        Path dir = tmp.resolve("other-lucene");
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField("id", "1", Field.Store.YES));
            w.addDocument(doc);
            w.commit();
        }
        IndexException e = assertThrows(IndexException.class, () -> VectorIndexReader.open(dir));
        assertTrue(e.getMessage().contains("a Lucene index, but not a jembed index"), e.getMessage());
    }

    @Test
    void garbledCommitPointIsReportedAsCorrupt() throws IOException {
        Path dir = build("garbled", 20);
        Path segments = onlyFile(dir, "segments_");
        byte[] bytes = Files.readAllBytes(segments);
        for (int i = bytes.length / 2; i < bytes.length; i++) bytes[i] ^= (byte) 0x5a;
        Files.write(segments, bytes);
        IndexException e = assertThrows(IndexException.class, () -> VectorIndexReader.open(dir));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void truncatedDataFileIsReportedAsCorrupt() throws IOException {
        Path dir = build("truncated", 50);
        Path largest;
        try (Stream<Path> files = Files.list(dir)) {
            largest = files.filter(p -> !p.getFileName().toString().startsWith("segments_"))
                    .max(Comparator.comparingLong(IndexDirectoryTest::size))
                    .orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(largest, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        IndexException e = assertThrows(IndexException.class, () -> {
            try (VectorIndexReader r = VectorIndexReader.open(dir)) {
                r.exactSearch(vectors.next(), 3);
            }
        });
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void anotherModelOrQuantizationCannotAddToTheIndex() {
        Path dir = build("model", 2);
        IndexException model = assertThrows(
                IndexException.class, () -> VectorIndexWriter.open(dir, "org/other", DIM, VectorQuantization.NONE));
        assertTrue(model.getMessage().contains("built with model org/model (dimension 8)"), model.getMessage());
        IndexException dim = assertThrows(
                IndexException.class, () -> VectorIndexWriter.open(dir, MODEL, 16, VectorQuantization.NONE));
        assertTrue(dim.getMessage().contains("dimension 16"), dim.getMessage());
        IndexException q = assertThrows(
                IndexException.class, () -> VectorIndexWriter.open(dir, MODEL, DIM, VectorQuantization.INT8));
        assertTrue(q.getMessage().contains("quantization none"), q.getMessage());
        try (VectorIndexReader r = VectorIndexReader.open(dir)) {
            assertEquals(2, r.metadata().lines());
        }
    }

    @Test
    void vectorsMustBeNormalizedAndOfTheIndexDimension() {
        try (VectorIndexWriter w = VectorIndexWriter.open(tmp.resolve("checks"), MODEL, DIM, VectorQuantization.NONE)) {
            float[] twice = vectors.next();
            for (int i = 0; i < DIM; i++) twice[i] *= 2;
            IllegalArgumentException norm = assertThrows(IllegalArgumentException.class, () -> w.add("x", twice));
            assertTrue(norm.getMessage().contains("normalized"), norm.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.add("x", new float[DIM + 1]));
            float[] nan = vectors.next();
            nan[0] = Float.NaN;
            assertThrows(IllegalArgumentException.class, () -> w.add("x", nan));
            assertEquals(0, w.lines());
        }
    }

    @Test
    void queriesOfTheWrongDimensionAreRefused() {
        Path dir = build("query", 2);
        try (VectorIndexReader r = VectorIndexReader.open(dir)) {
            assertThrows(IllegalArgumentException.class, () -> r.search(new float[DIM + 1], 1));
            assertThrows(IllegalArgumentException.class, () -> r.search(vectors.next(), 0));
            assertEquals(2, r.search(vectors.next(), 5).size());
        }
    }

    private static Path onlyFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
            assertEquals(1, found.size(), "files starting with " + prefix);
            return found.get(0);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
