package dev.jembed.lucene;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a jembed index records about itself, in its Lucene commit's user data: the model the
 * vectors came from, their dimension, the graph's quantization and how many corpus lines it holds.
 *
 * @param modelId      the model id (or folder) the vectors were computed with
 * @param dimension    the vectors' dimension
 * @param quantization how the HNSW graph stores vectors
 * @param lines        corpus lines indexed, lines 0 to {@code lines - 1}
 */
public record IndexMetadata(String modelId, int dimension, VectorQuantization quantization, long lines) {
    /** Version of the layout below; bumped when it changes incompatibly. */
    static final int FORMAT = 1;

    static final String KEY_FORMAT = "jembed.index.format";
    private static final String KEY_MODEL = "jembed.model";
    private static final String KEY_DIMENSION = "jembed.dimension";
    private static final String KEY_QUANTIZATION = "jembed.quantization";
    private static final String KEY_LINES = "jembed.lines";

    public IndexMetadata {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(quantization, "quantization");
        if (dimension < 1) throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        if (lines < 0) throw new IllegalArgumentException("lines must not be negative, got " + lines);
    }

    /** The same metadata with {@code lines} lines. */
    IndexMetadata withLines(long lines) {
        return new IndexMetadata(modelId, dimension, quantization, lines);
    }

    Map<String, String> toCommitData() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_FORMAT, Integer.toString(FORMAT));
        m.put(KEY_MODEL, modelId);
        m.put(KEY_DIMENSION, Integer.toString(dimension));
        m.put(KEY_QUANTIZATION, quantization.id());
        m.put(KEY_LINES, Long.toString(lines));
        return m;
    }

    /** Reads the metadata of the index in {@code dir}; a Lucene index without it is not a jembed index. */
    static IndexMetadata fromCommitData(Path dir, Map<String, String> data) {
        String format = data.get(KEY_FORMAT);
        if (format == null) {
            throw new IndexException(
                    dir, "a Lucene index, but not a jembed index (no " + KEY_FORMAT + " in its commit data)");
        }
        if (!format.equals(Integer.toString(FORMAT))) {
            throw new IndexException(
                    dir,
                    "jembed index format " + format + " is not supported by this version (it reads format " + FORMAT
                            + ")");
        }
        try {
            return new IndexMetadata(
                    required(dir, data, KEY_MODEL),
                    Integer.parseInt(required(dir, data, KEY_DIMENSION)),
                    VectorQuantization.parse(required(dir, data, KEY_QUANTIZATION)),
                    Long.parseLong(required(dir, data, KEY_LINES)));
        } catch (IllegalArgumentException e) {
            throw new IndexException(dir, "corrupt jembed metadata: " + e.getMessage(), e);
        }
    }

    private static String required(Path dir, Map<String, String> data, String key) {
        String v = data.get(key);
        if (v == null) throw new IndexException(dir, "corrupt jembed metadata: " + key + " is missing");
        return v;
    }
}
