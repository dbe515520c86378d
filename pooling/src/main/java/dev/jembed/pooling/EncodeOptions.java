package dev.jembed.pooling;

import java.util.Objects;

/**
 * The arguments of {@code SentenceTransformer.encode}, immutable: start from {@link #defaults()}
 * and change what you need, e.g.
 * {@code EncodeOptions.defaults().batchSize(64).promptName("query").precision(Precision.INT8)}.
 *
 * <ul>
 *   <li>{@code batchSize} (32): texts per forward pass;</li>
 *   <li>{@code normalize} (null): null keeps the model's own modules; TRUE also normalizes after
 *       truncation ({@code normalize_embeddings=True}); FALSE skips the model's Normalize modules;</li>
 *   <li>{@code prompt} / {@code promptName} (null): text prepended to every input; a given prompt
 *       wins over a prompt name; with neither, the model's {@code default_prompt_name} applies;</li>
 *   <li>{@code truncateDim} (null): keep the first n values (Matryoshka); null uses the model's setting;</li>
 *   <li>{@code precision} (float32) and {@code ranges}: quantized output as sentence-transformers'
 *       {@code quantize_embeddings}; int8 / uint8 without ranges calibrate on the call's own embeddings;</li>
 *   <li>{@code progress} (null): told after every batch;</li>
 *   <li>{@code sortByLength} (true): batch texts of similar length together (results stay in input order);</li>
 *   <li>{@code chunkSize} (1024): texts held in memory at once by the streaming encode.</li>
 * </ul>
 */
public final class EncodeOptions {
    private static final EncodeOptions DEFAULTS = new EncodeOptions(32, null, null, null, null, Precision.FLOAT32, null,
            null, true, 1024);

    private final int batchSize;
    private final Boolean normalize;
    private final String prompt;
    private final String promptName;
    private final Integer truncateDim;
    private final Precision precision;
    private final QuantizationRanges ranges;
    private final EncodeProgress progress;
    private final boolean sortByLength;
    private final int chunkSize;

    private EncodeOptions(int batchSize, Boolean normalize, String prompt, String promptName, Integer truncateDim,
                          Precision precision, QuantizationRanges ranges, EncodeProgress progress, boolean sortByLength,
                          int chunkSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        if (truncateDim != null && truncateDim < 1) throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
        if (chunkSize < 1) throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        this.batchSize = batchSize;
        this.normalize = normalize;
        this.prompt = prompt;
        this.promptName = promptName;
        this.truncateDim = truncateDim;
        this.precision = Objects.requireNonNull(precision, "precision");
        this.ranges = ranges;
        this.progress = progress;
        this.sortByLength = sortByLength;
        this.chunkSize = chunkSize;
    }

    /** Batch size 32, the model's own normalization, prompts and dimension, float32. */
    public static EncodeOptions defaults() {
        return DEFAULTS;
    }

    public EncodeOptions batchSize(int n) {
        return new EncodeOptions(n, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions normalize(Boolean normalize) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions prompt(String prompt) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions promptName(String promptName) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions truncateDim(Integer truncateDim) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions precision(Precision precision) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    /** Fixed int8 / uint8 ranges, e.g. {@link QuantizationRanges#of} over calibration embeddings. */
    public EncodeOptions ranges(QuantizationRanges ranges) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions progress(EncodeProgress progress) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, chunkSize);
    }

    public EncodeOptions sortByLength(boolean sort) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sort, chunkSize);
    }

    public EncodeOptions chunkSize(int n) {
        return new EncodeOptions(batchSize, normalize, prompt, promptName, truncateDim, precision, ranges, progress, sortByLength, n);
    }

    public int batchSize() {
        return batchSize;
    }

    public Boolean normalize() {
        return normalize;
    }

    public String prompt() {
        return prompt;
    }

    public String promptName() {
        return promptName;
    }

    public Integer truncateDim() {
        return truncateDim;
    }

    public Precision precision() {
        return precision;
    }

    public QuantizationRanges ranges() {
        return ranges;
    }

    public EncodeProgress progress() {
        return progress;
    }

    public boolean sortByLength() {
        return sortByLength;
    }

    public int chunkSize() {
        return chunkSize;
    }
}
