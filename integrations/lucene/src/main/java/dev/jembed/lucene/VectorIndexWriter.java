package dev.jembed.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;

/**
 * Writes normalized vectors with their texts into a jembed index directory, creating it or adding
 * to the lines it already holds. Line numbers continue from {@link #lines()}; {@link #commit()}
 * (and {@link #close()}) make the added lines durable together with the metadata. Not thread-safe.
 *
 * <pre>{@code
 * try (VectorIndexWriter w = VectorIndexWriter.open(dir, "sentence-transformers/all-MiniLM-L6-v2", 384, VectorQuantization.NONE)) {
 *     w.add("first line", vector0);
 * }
 * }</pre>
 */
public final class VectorIndexWriter implements AutoCloseable {
    /** A vector whose norm is further than this from 1 is refused: the graph scores by dot product. */
    static final double NORM_TOLERANCE = 1e-3;

    private final Path path;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private IndexMetadata metadata;
    private boolean closed;

    private VectorIndexWriter(Path path, FSDirectory directory, IndexWriter writer, IndexMetadata metadata) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.metadata = metadata;
    }

    /**
     * Opens the index in {@code path} for adding, or creates it there if the directory is missing
     * or empty. An existing index must have been built with the same model id, dimension and
     * quantization; a non-empty directory that is not a jembed index is refused, never overwritten.
     */
    public static VectorIndexWriter open(Path path, String modelId, int dimension, VectorQuantization quantization) {
        IndexMetadata wanted = new IndexMetadata(modelId, dimension, quantization, 0);
        boolean create = !Files.exists(path) || Files.isDirectory(path) && IndexDirectories.isEmptyDirectory(path);
        FSDirectory directory = null;
        try {
            if (!create) IndexDirectories.requireDirectory(path);
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            IndexMetadata existing = create ? wanted : IndexDirectories.readMetadata(path, directory);
            if (!create) checkCompatible(path, existing, wanted);
            IndexWriterConfig config = new IndexWriterConfig()
                    .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setCodec(codec(quantization.format()))
                    // one flush per 256 MB of vectors: fewer segments, so fewer HNSW graph merges
                    .setRAMBufferSizeMB(256)
                    .setCommitOnClose(false);
            IndexWriter writer = new IndexWriter(directory, config);
            if (!create && writer.getDocStats().numDocs != existing.lines()) {
                long docs = writer.getDocStats().numDocs;
                writer.rollback();
                throw new IndexException(
                        path,
                        "the index is corrupt: its metadata counts " + existing.lines() + " lines but it holds " + docs
                                + " documents");
            }
            VectorIndexWriter w = new VectorIndexWriter(path, directory, writer, existing);
            if (create) w.commit();
            return w;
        } catch (IOException e) {
            closeQuietly(directory);
            throw IndexDirectories.translate(path, e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    private static void checkCompatible(Path path, IndexMetadata existing, IndexMetadata wanted) {
        if (!existing.modelId().equals(wanted.modelId()) || existing.dimension() != wanted.dimension()) {
            throw new IndexException(
                    path,
                    "built with model " + existing.modelId() + " (dimension " + existing.dimension()
                            + "); refusing to add vectors of model " + wanted.modelId() + " (dimension "
                            + wanted.dimension() + ")");
        }
        if (existing.quantization() != wanted.quantization()) {
            throw new IndexException(
                    path,
                    "built with quantization " + existing.quantization().id() + "; refusing to add with "
                            + wanted.quantization().id() + " (use --quantize "
                            + existing.quantization().id() + " or a new directory)");
        }
    }

    /** Lucene's current codec with {@code format} for every vector field. */
    static Codec codec(KnnVectorsFormat format) {
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /** What the index records, with {@link IndexMetadata#lines()} counting the lines added so far. */
    public IndexMetadata metadata() {
        return metadata;
    }

    /** Lines in the index, committed or not; the next line added gets this number. */
    public long lines() {
        return metadata.lines();
    }

    /** Adds the next line: its text and its unit-length vector. */
    public void add(String text, float[] vector) {
        Objects.requireNonNull(text, "text");
        checkVector(vector);
        if (closed) throw new IllegalStateException("this VectorIndexWriter is closed");
        long line = metadata.lines();
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(IndexDirectories.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StoredField(IndexDirectories.TEXT, text));
        doc.add(new StoredField(IndexDirectories.LINE, line));
        try {
            writer.addDocument(doc);
        } catch (IOException e) {
            throw IndexDirectories.translate(path, e);
        }
        metadata = metadata.withLines(line + 1);
    }

    private void checkVector(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        long line = metadata.lines();
        if (vector.length != metadata.dimension()) {
            throw new IllegalArgumentException("line " + line + ": vector of dimension " + vector.length
                    + ", the index holds " + metadata.dimension());
        }
        double norm2 = 0;
        for (float v : vector) {
            if (!Float.isFinite(v))
                throw new IllegalArgumentException("line " + line + ": vector has a non-finite value " + v);
            norm2 += (double) v * v;
        }
        if (Math.abs(Math.sqrt(norm2) - 1) > NORM_TOLERANCE) {
            throw new IllegalArgumentException("line " + line + ": vector norm " + Math.sqrt(norm2)
                    + " is not 1; the index scores by dot product and needs normalized vectors");
        }
    }

    /** Makes the lines added so far durable, with the metadata counting them. */
    public void commit() {
        if (closed) throw new IllegalStateException("this VectorIndexWriter is closed");
        try {
            writer.setLiveCommitData(metadata.toCommitData().entrySet());
            writer.commit();
        } catch (IOException e) {
            throw IndexDirectories.translate(path, e);
        }
    }

    /** Commits, then releases the directory and its write lock. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        try {
            commit();
        } finally {
            closed = true;
            try {
                writer.close();
            } catch (IOException e) {
                throw IndexDirectories.translate(path, e);
            } finally {
                closeQuietly(directory);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing with a more useful exception
        }
    }
}
