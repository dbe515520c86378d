package dev.jembed.lucene;

import java.util.Locale;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/** How the HNSW graph stores the vectors it scores with (the float32 vectors are always kept too). */
public enum VectorQuantization {
    /** float32 vectors: exact scores, 4 bytes per dimension. */
    NONE,
    /**
     * Lucene's scalar quantization to one byte per dimension (7-bit values, per-segment
     * confidence interval): the graph is searched on bytes, a quarter of the float memory; the
     * float32 vectors stay on disk, and {@link VectorIndexReader} re-scores the candidates with them.
     */
    INT8;

    /** HNSW neighbours per node, Lucene's default. */
    static final int MAX_CONN = 16;
    /** Candidates kept while building the graph, Lucene's default. */
    static final int BEAM_WIDTH = 100;

    /** {@code none} or {@code int8}, case-insensitive. */
    public static VectorQuantization parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "int8" -> INT8;
            default -> throw new IllegalArgumentException("unknown quantization '" + name + "'; use none or int8");
        };
    }

    /** The lower-case name used on the command line and in the index metadata. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    KnnVectorsFormat format() {
        return switch (this) {
            case NONE -> new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
            // 7 bits, not 8: Lucene's recommended int8 setting (signed-byte dot products on the Vector API)
            case INT8 -> new Lucene99HnswScalarQuantizedVectorsFormat(MAX_CONN, BEAM_WIDTH, 1, 7, false, null, null);
        };
    }
}
