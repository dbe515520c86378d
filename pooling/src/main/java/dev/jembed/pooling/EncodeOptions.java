package dev.jembed.pooling;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The arguments of {@code SentenceTransformer.encode}, immutable: start from {@link #defaults()}
 * and change what you need, e.g.
 * {@code EncodeOptions.defaults().withBatchSize(64).withPromptName("query").withPrecision(Precision.INT8)}.
 *
 * @param batchSize    (32) texts per forward pass
 * @param normalize    (null) null keeps the model's own modules; TRUE also normalizes after truncation
 *                     ({@code normalize_embeddings=True}); FALSE skips the model's Normalize modules
 * @param prompt       (null) text prepended to every input; a given prompt wins over a prompt name
 * @param promptName   (null) a prompt of the model's configuration; with neither prompt nor name, the
 *                     model's {@code default_prompt_name} applies
 * @param truncateDim  (null) keep the first n values (Matryoshka); null uses the model's setting
 * @param precision    (float32) quantized output as sentence-transformers' {@code quantize_embeddings}
 * @param ranges       (null) fixed int8 / uint8 ranges; without them int8 / uint8 calibrate on the
 *                     call's own embeddings
 * @param progress     (null) told after every batch
 * @param sortByLength (true) batch texts of similar length together (results stay in input order)
 * @param chunkSize    (1024) texts held in memory at once by the streaming encode
 */
public record EncodeOptions(
        int batchSize,
        Boolean normalize,
        String prompt,
        String promptName,
        Integer truncateDim,
        Precision precision,
        QuantizationRanges ranges,
        EncodeProgress progress,
        boolean sortByLength,
        int chunkSize) {
    private static final EncodeOptions DEFAULTS =
            new EncodeOptions(32, null, null, null, null, Precision.FLOAT32, null, null, true, 1024);

    public EncodeOptions {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        if (truncateDim != null && truncateDim < 1)
            throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
        if (chunkSize < 1) throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        Objects.requireNonNull(precision, "precision");
    }

    /** Batch size 32, the model's own normalization, prompts and dimension, float32. */
    public static EncodeOptions defaults() {
        return DEFAULTS;
    }

    public EncodeOptions withBatchSize(int batchSize) {
        return with(b -> b.batchSize = batchSize);
    }

    public EncodeOptions withNormalize(Boolean normalize) {
        return with(b -> b.normalize = normalize);
    }

    public EncodeOptions withPrompt(String prompt) {
        return with(b -> b.prompt = prompt);
    }

    public EncodeOptions withPromptName(String promptName) {
        return with(b -> b.promptName = promptName);
    }

    public EncodeOptions withTruncateDim(Integer truncateDim) {
        return with(b -> b.truncateDim = truncateDim);
    }

    public EncodeOptions withPrecision(Precision precision) {
        return with(b -> b.precision = precision);
    }

    /** Fixed int8 / uint8 ranges, e.g. {@link QuantizationRanges#of} over calibration embeddings. */
    public EncodeOptions withRanges(QuantizationRanges ranges) {
        return with(b -> b.ranges = ranges);
    }

    public EncodeOptions withProgress(EncodeProgress progress) {
        return with(b -> b.progress = progress);
    }

    public EncodeOptions withSortByLength(boolean sortByLength) {
        return with(b -> b.sortByLength = sortByLength);
    }

    public EncodeOptions withChunkSize(int chunkSize) {
        return with(b -> b.chunkSize = chunkSize);
    }

    /** These options with one component changed: the record's components written out once, here. */
    private EncodeOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new EncodeOptions(
                c.batchSize,
                c.normalize,
                c.prompt,
                c.promptName,
                c.truncateDim,
                c.precision,
                c.ranges,
                c.progress,
                c.sortByLength,
                c.chunkSize);
    }

    /** A mutable copy of the components, alive only inside {@link #with}. */
    private static final class Copy {
        int batchSize;
        Boolean normalize;
        String prompt;
        String promptName;
        Integer truncateDim;
        Precision precision;
        QuantizationRanges ranges;
        EncodeProgress progress;
        boolean sortByLength;
        int chunkSize;

        Copy(EncodeOptions o) {
            batchSize = o.batchSize;
            normalize = o.normalize;
            prompt = o.prompt;
            promptName = o.promptName;
            truncateDim = o.truncateDim;
            precision = o.precision;
            ranges = o.ranges;
            progress = o.progress;
            sortByLength = o.sortByLength;
            chunkSize = o.chunkSize;
        }
    }
}
