package dev.jembed.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * Searches a jembed index directory by vector: approximate ({@link #search}, the HNSW graph) or
 * exact ({@link #exactSearch}, every vector). Both return hits scored by the dot product with the
 * float32 vectors, best first. Thread-safe; {@link #close()} releases the files.
 */
public final class VectorIndexReader implements AutoCloseable {
    /**
     * Candidates the graph search collects before the best {@code k} are kept, at least: a wider
     * beam than k alone gives, which is what makes recall hold for small k (Lucene's k is also its beam).
     */
    public static final int DEFAULT_CANDIDATES = 100;

    private static final Set<String> STORED = Set.of(IndexDirectories.TEXT, IndexDirectories.LINE);

    private final Path path;
    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final IndexMetadata metadata;

    private VectorIndexReader(Path path, FSDirectory directory, DirectoryReader reader, IndexMetadata metadata) {
        this.path = path;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.metadata = metadata;
    }

    /** Opens the jembed index in {@code path}; a missing, foreign or corrupt directory fails with {@link IndexException}. */
    public static VectorIndexReader open(Path path) {
        IndexDirectories.requireDirectory(path);
        FSDirectory directory = null;
        DirectoryReader reader = null;
        try {
            directory = FSDirectory.open(path);
            IndexMetadata metadata = IndexDirectories.readMetadata(path, directory);
            reader = DirectoryReader.open(directory);
            if (reader.numDocs() != metadata.lines() || reader.maxDoc() != metadata.lines()) {
                throw new IndexException(
                        path,
                        "the index is corrupt: its metadata counts " + metadata.lines() + " lines but it holds "
                                + reader.numDocs() + " documents");
            }
            return new VectorIndexReader(path, directory, reader, metadata);
        } catch (IOException e) {
            closeQuietly(reader);
            closeQuietly(directory);
            throw IndexDirectories.translate(path, e);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            closeQuietly(directory);
            throw e;
        }
    }

    /** The model, dimension, quantization and line count the index records. */
    public IndexMetadata metadata() {
        return metadata;
    }

    /** The index directory. */
    public Path path() {
        return path;
    }

    /** The {@code k} best lines for {@code query} from the HNSW graph, with {@link #DEFAULT_CANDIDATES} candidates. */
    public List<IndexHit> search(float[] query, int k) {
        return search(query, k, Math.max(k, DEFAULT_CANDIDATES));
    }

    /**
     * The {@code k} best of {@code candidates} lines found in the HNSW graph for {@code query},
     * re-scored with their float32 vectors (so int8 graphs give exact scores and order among the
     * candidates).
     */
    public List<IndexHit> search(float[] query, int k, int candidates) {
        checkQuery(query, k);
        if (candidates < k)
            throw new IllegalArgumentException("candidates (" + candidates + ") must be at least k (" + k + ")");
        try {
            TopDocs top =
                    searcher.search(new KnnFloatVectorQuery(IndexDirectories.VECTOR, query, candidates), candidates);
            PriorityQueue<Scored> best = worstFirst();
            List<LeafReaderContext> leaves = reader.leaves();
            for (ScoreDoc sd : top.scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
                offer(best, k, new Scored(sd.doc, exactScore(leaf, sd.doc - leaf.docBase, query)));
            }
            return hits(best);
        } catch (IOException e) {
            throw IndexDirectories.translate(path, e);
        }
    }

    /** The {@code k} best lines for {@code query} by brute force over every stored vector: the ground truth for recall. */
    public List<IndexHit> exactSearch(float[] query, int k) {
        checkQuery(query, k);
        try {
            PriorityQueue<Scored> best = worstFirst();
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexDirectories.VECTOR);
                if (values == null) continue;
                for (int ord = 0; ord < values.size(); ord++) {
                    int doc = leaf.docBase + values.ordToDoc(ord);
                    offer(best, k, new Scored(doc, VectorUtil.dotProduct(query, values.vectorValue(ord))));
                }
            }
            return hits(best);
        } catch (IOException e) {
            throw IndexDirectories.translate(path, e);
        }
    }

    /** Visits every indexed line in line order: used to check that a corpus grew only at its end. */
    public void forEachLine(LineVisitor visitor) {
        try {
            String[] texts = new String[Math.toIntExact(metadata.lines())];
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    Document doc = stored.document(d, STORED);
                    long line =
                            doc.getField(IndexDirectories.LINE).numericValue().longValue();
                    if (line < 0 || line >= texts.length || texts[(int) line] != null) {
                        throw new IndexException(
                                path, "the index is corrupt: line number " + line + " is out of range or repeated");
                    }
                    texts[(int) line] = doc.get(IndexDirectories.TEXT);
                }
            }
            for (int i = 0; i < texts.length; i++) visitor.visit(i, texts[i]);
        } catch (IOException e) {
            throw IndexDirectories.translate(path, e);
        }
    }

    /** Receives the indexed lines of {@link #forEachLine}. */
    @FunctionalInterface
    public interface LineVisitor {
        void visit(long line, String text);
    }

    private void checkQuery(float[] query, int k) {
        if (query.length != metadata.dimension()) {
            throw new IllegalArgumentException("query vector of dimension " + query.length + "; the index " + path
                    + " holds " + metadata.dimension());
        }
        if (k < 1) throw new IllegalArgumentException("k must be positive, got " + k);
    }

    private static float exactScore(LeafReaderContext leaf, int doc, float[] query) throws IOException {
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexDirectories.VECTOR);
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc) != doc) throw new IOException("document " + doc + " has no vector");
        return VectorUtil.dotProduct(query, values.vectorValue(it.index()));
    }

    private record Scored(int doc, float score) {}

    /** A heap whose head is the worst hit kept: lowest score, then highest document. */
    private static PriorityQueue<Scored> worstFirst() {
        return new PriorityQueue<>(
                Comparator.comparingDouble(Scored::score).thenComparing(Scored::doc, Comparator.reverseOrder()));
    }

    private static void offer(PriorityQueue<Scored> best, int k, Scored s) {
        if (best.size() < k) {
            best.add(s);
        } else if (s.score() > best.peek().score()
                || s.score() == best.peek().score() && s.doc() < best.peek().doc()) {
            best.poll();
            best.add(s);
        }
    }

    private List<IndexHit> hits(PriorityQueue<Scored> best) throws IOException {
        List<Scored> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparingInt(Scored::doc));
        StoredFields stored = reader.storedFields();
        List<IndexHit> out = new ArrayList<>(sorted.size());
        for (Scored s : sorted) {
            Document doc = stored.document(s.doc(), STORED);
            out.add(new IndexHit(
                    doc.getField(IndexDirectories.LINE).numericValue().longValue(),
                    s.score(),
                    doc.get(IndexDirectories.TEXT)));
        }
        return out;
    }

    /** Releases the index files. */
    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw IndexDirectories.translate(path, e);
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
