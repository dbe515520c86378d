package dev.jembed.lucene;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.EncodeProgress;
import dev.jembed.pooling.ModelInfo;
import dev.jembed.pooling.SentenceTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A corpus of lines in a jembed index, embedded with a {@link SentenceTransformer}: build or grow
 * the index with {@link #add}, query it with {@link #search}.
 *
 * <pre>{@code
 * try (SentenceTransformer model = SentenceTransformer.load("sentence-transformers/all-MiniLM-L6-v2")) {
 *     CorpusIndex.add(Path.of("talks.idx"), Files.readAllLines(Path.of("talks.txt")), model, VectorQuantization.NONE,
 *             EncodeOptions.defaults());
 *     try (VectorIndexReader index = VectorIndexReader.open(Path.of("talks.idx"))) {
 *         List<IndexHit> hits = CorpusIndex.search(index, model, "Which talk is about privacy?", 3);
 *     }
 * }
 * }</pre>
 */
public final class CorpusIndex {

    private CorpusIndex() {}

    /** How many lines the index held before {@link #add} and how many it added. */
    public record Added(long existing, long added) {}

    /**
     * The id an index records for {@code model}: its Hugging Face id ({@code org/name}) when it was
     * loaded by id, else the absolute path of its folder.
     */
    public static String modelId(SentenceTransformer model) {
        ModelInfo info = model.info();
        return info.modelId() != null
                ? info.modelId()
                : info.folder().toAbsolutePath().normalize().toString();
    }

    /**
     * Indexes the lines of {@code corpus} the index in {@code dir} does not hold yet, creating it if
     * needed. The index's lines must be the first lines of {@code corpus}, unchanged (a corpus only
     * grows at its end); otherwise nothing is written and an {@link IndexException} says which line
     * differs. The vectors are normalized whatever {@code options} say; they are committed every
     * {@code options.chunkSize()} lines, so an interrupted run keeps what it finished. A null
     * {@code quantization} keeps an existing index's, and is {@link VectorQuantization#NONE} for a new one.
     * {@code options.progress()}, if set, counts corpus lines, those already indexed included.
     */
    public static Added add(
            Path dir,
            List<String> corpus,
            SentenceTransformer model,
            VectorQuantization quantization,
            EncodeOptions options) {
        Objects.requireNonNull(corpus, "corpus");
        String modelId = modelId(model);
        long existing = 0;
        VectorQuantization q = quantization == null ? VectorQuantization.NONE : quantization;
        if (Files.isDirectory(dir) && !IndexDirectories.isEmptyDirectory(dir)) {
            IndexMetadata m = checkPrefix(dir, corpus, modelId, model);
            existing = m.lines();
            if (quantization == null) q = m.quantization();
        }
        try (VectorIndexWriter writer = VectorIndexWriter.open(dir, modelId, model.dimension(), q)) {
            if (writer.lines() != existing)
                throw new IndexException(dir, "the index changed while it was being checked");
            List<String> fresh = corpus.subList((int) existing, corpus.size());
            EncodeOptions encode = options.withNormalize(Boolean.TRUE);
            EncodeProgress progress = options.progress();
            long before = existing;
            if (progress != null)
                encode = encode.withProgress((done, total) -> progress.update(before + done, corpus.size()));
            model.encode(fresh.iterator(), encode, (first, chunk) -> {
                float[][] vectors = chunk.floats();
                for (int i = 0; i < vectors.length; i++) writer.add(fresh.get((int) first + i), vectors[i]);
                writer.commit();
            });
            return new Added(existing, fresh.size());
        }
    }

    /** Checks the index holds the first lines of {@code corpus}, from {@code modelId}; returns its metadata. */
    private static IndexMetadata checkPrefix(Path dir, List<String> corpus, String modelId, SentenceTransformer model) {
        try (VectorIndexReader index = VectorIndexReader.open(dir)) {
            checkModel(index, modelId, model.dimension());
            long lines = index.metadata().lines();
            if (lines > corpus.size()) {
                throw new IndexException(
                        dir,
                        "holds " + lines + " lines but the corpus has only " + corpus.size()
                                + "; it was built from another corpus (index it into a new directory)");
            }
            index.forEachLine((line, text) -> {
                if (!text.equals(corpus.get((int) line))) {
                    throw new IndexException(
                            dir,
                            "line " + (line + 1) + " of the corpus differs from the indexed line " + (line + 1)
                                    + "; only lines added at the end of a corpus can be indexed again (index it into a new directory)");
                }
            });
            return index.metadata();
        }
    }

    /** The {@code k} lines of {@code index} closest to {@code query}, embedded with {@code model}, best first. */
    public static List<IndexHit> search(VectorIndexReader index, SentenceTransformer model, String query, int k) {
        checkModel(index, modelId(model), model.dimension());
        float[] vector = model.encode(List.of(query), EncodeOptions.defaults().withNormalize(Boolean.TRUE))
                .floats()[0];
        return index.search(vector, k);
    }

    /** Refuses a model other than the one the index was built with. */
    static void checkModel(VectorIndexReader index, String modelId, int dimension) {
        IndexMetadata m = index.metadata();
        if (!m.modelId().equals(modelId) || m.dimension() != dimension) {
            throw new IndexException(
                    index.path(),
                    "built with model " + m.modelId() + " (dimension " + m.dimension() + "), but the query model is "
                            + modelId + " (dimension " + dimension + "); search with --model " + m.modelId());
        }
    }
}
