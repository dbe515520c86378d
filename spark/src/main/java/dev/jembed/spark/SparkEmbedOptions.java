package dev.jembed.spark;

import dev.jembed.engine.WeightFormat;
import dev.jembed.pooling.Precision;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link JembedSpark#embed} embeds a column: which model, how it runs on each executor, the
 * {@code encode} arguments, and what happens to rows that cannot be embedded as they are. Immutable
 * and serializable (it travels to the executors with the task); start from {@link #defaults()} or
 * {@link #fromMap(Map)} (the string form Scala, PySpark-over-JVM and the job's flags use).
 *
 * @param model        a model folder (seen by every executor) or a Hugging Face id, resolved on each
 *                     executor like {@code SentenceTransformer.load}: embedded jar, Hugging Face cache,
 *                     download
 * @param batchSize    texts per forward pass
 * @param threads      threads of the executor's one model (its forward passes take turns on them);
 *                     0: the executor's cores ({@code local[N]}: N; else {@code spark.executor.cores},
 *                     else what the executor JVM sees)
 * @param weights      {@code f32}, {@code bf16} or {@code int8} Linear weights, or null for the engine's default
 * @param normalize    null: the model's own modules; TRUE: normalize after truncation; FALSE: skip Normalize
 * @param truncateDim  keep the first n dimensions, or null
 * @param precision    float32 (an {@code array<float>} column) or a quantized precision (an
 *                     {@code array<int>} column, values as {@code jembed embed} prints them)
 * @param prompt       text prepended to every input, or null
 * @param promptName   a prompt of the model's configuration, or null
 * @param rangesMin    int8 / uint8 calibration minimums per dimension (required for those precisions:
 *                     calibrating per partition would make a vector depend on its neighbours), or null
 * @param rangesMax    the matching maximums, or null
 * @param maxChars     longest text embedded as it is; see {@code onLong}
 * @param onLong       {@link OnLong#TRUNCATE}: a longer text is cut to {@code maxChars} characters
 *                     before tokenization; {@link OnLong#ERROR}: it is a bad row
 * @param onError      {@link OnError#REPORT}: a bad row keeps a null embedding and its reason in the
 *                     column {@code <output>_error}; {@link OnError#FAIL}: it fails its task (and so
 *                     the job) with that reason
 * @param checkModel   whether the driver resolves the model before any task runs, so a missing model
 *                     fails at once; turn off only when the model exists on the executors alone
 */
public record SparkEmbedOptions(
        String model,
        int batchSize,
        int threads,
        String weights,
        Boolean normalize,
        Integer truncateDim,
        Precision precision,
        String prompt,
        String promptName,
        float[] rangesMin,
        float[] rangesMax,
        int maxChars,
        OnLong onLong,
        OnError onError,
        boolean checkModel)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The model used when none is given: all-MiniLM-L6-v2, embedded in jembed's model jar. */
    public static final String DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2";

    /** What happens to a text longer than {@code maxChars}. */
    public enum OnLong {
        TRUNCATE,
        ERROR
    }

    /** What happens to a row that cannot be embedded (null, not a string, too long with {@code OnLong.ERROR}). */
    public enum OnError {
        REPORT,
        FAIL
    }

    /** The option names {@link #fromMap} accepts. */
    public static final List<String> KEYS = List.of(
            "model",
            "batch_size",
            "threads",
            "weights",
            "normalize",
            "truncate_dim",
            "precision",
            "prompt",
            "prompt_name",
            "max_chars",
            "on_long",
            "on_error",
            "check_model");

    public SparkEmbedOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(onLong, "onLong");
        Objects.requireNonNull(onError, "onError");
        if (batchSize < 1) throw new IllegalArgumentException("batch_size must be positive, got " + batchSize);
        if (threads < 0)
            throw new IllegalArgumentException("threads must be >= 0 (0: the executor's cores), got " + threads);
        if (truncateDim != null && truncateDim < 1)
            throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
        if (maxChars < 1) throw new IllegalArgumentException("max_chars must be positive, got " + maxChars);
        if (weights != null) WeightFormat.parse(weights);
        if ((rangesMin == null) != (rangesMax == null))
            throw new IllegalArgumentException("give both range minimums and maximums");
        if (rangesMin != null && rangesMin.length != rangesMax.length) {
            throw new IllegalArgumentException(
                    "ranges: " + rangesMin.length + " minimums, " + rangesMax.length + " maximums");
        }
        if ((precision == Precision.INT8 || precision == Precision.UINT8) && rangesMin == null) {
            throw new IllegalArgumentException(
                    "precision " + precision.pythonName() + " needs fixed calibration ranges "
                            + "(withRanges): calibrating on each partition would make a vector depend on the partitioning; "
                            + "float32, binary and ubinary need none");
        }
        rangesMin = rangesMin == null ? null : rangesMin.clone();
        rangesMax = rangesMax == null ? null : rangesMax.clone();
    }

    /** The embedded all-MiniLM-L6-v2, batch 32, the executor's cores, float32, texts up to 100,000 characters, bad rows reported. */
    public static SparkEmbedOptions defaults() {
        return new SparkEmbedOptions(
                DEFAULT_MODEL,
                32,
                0,
                null,
                null,
                null,
                Precision.FLOAT32,
                null,
                null,
                null,
                null,
                100_000,
                OnLong.TRUNCATE,
                OnError.REPORT,
                true);
    }

    /**
     * Options from strings, keys as in {@link #KEYS} (e.g. {@code {"model": "/models/e5", "batch_size": "64",
     * "normalize": "true", "on_error": "fail"}}); missing keys keep {@link #defaults()}.
     *
     * @throws IllegalArgumentException for an unknown key or a value it cannot read, naming both
     */
    public static SparkEmbedOptions fromMap(Map<String, String> options) {
        SparkEmbedOptions o = defaults();
        for (var e : new LinkedHashMap<>(options).entrySet()) {
            String key = e.getKey(), v = e.getValue();
            try {
                o = switch (key) {
                    case "model" -> o.withModel(v);
                    case "batch_size" -> o.withBatchSize(Integer.parseInt(v.strip()));
                    case "threads" -> o.withThreads(Integer.parseInt(v.strip()));
                    case "weights" -> o.withWeights(v);
                    case "normalize" -> o.withNormalize(v == null || v.isBlank() ? null : bool(v));
                    case "truncate_dim" ->
                        o.withTruncateDim(v == null || v.isBlank() ? null : Integer.parseInt(v.strip()));
                    case "precision" -> o.withPrecision(Precision.fromName(v.strip()));
                    case "prompt" -> o.withPrompt(v);
                    case "prompt_name" -> o.withPromptName(v);
                    case "max_chars" -> o.withMaxChars(Integer.parseInt(v.strip()));
                    case "on_long" -> o.withOnLong(OnLong.valueOf(v.strip().toUpperCase(Locale.ROOT)));
                    case "on_error" -> o.withOnError(OnError.valueOf(v.strip().toUpperCase(Locale.ROOT)));
                    case "check_model" -> o.withCheckModel(bool(v));
                    default -> throw new IllegalArgumentException("unknown option; known: " + String.join(", ", KEYS));
                };
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("jembed option " + key + "=" + v + ": " + ex.getMessage(), ex);
            }
        }
        return o;
    }

    private static boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    public SparkEmbedOptions withModel(String model) {
        return with(c -> c.model = model);
    }

    public SparkEmbedOptions withBatchSize(int batchSize) {
        return with(c -> c.batchSize = batchSize);
    }

    public SparkEmbedOptions withThreads(int threads) {
        return with(c -> c.threads = threads);
    }

    public SparkEmbedOptions withWeights(String weights) {
        return with(c -> c.weights = weights);
    }

    public SparkEmbedOptions withNormalize(Boolean normalize) {
        return with(c -> c.normalize = normalize);
    }

    public SparkEmbedOptions withTruncateDim(Integer truncateDim) {
        return with(c -> c.truncateDim = truncateDim);
    }

    public SparkEmbedOptions withPrecision(Precision precision) {
        return with(c -> c.precision = precision);
    }

    public SparkEmbedOptions withPrompt(String prompt) {
        return with(c -> c.prompt = prompt);
    }

    public SparkEmbedOptions withPromptName(String promptName) {
        return with(c -> c.promptName = promptName);
    }

    /** int8 / uint8 calibration ranges per dimension, e.g. from {@code QuantizationRanges.of(sample)}. */
    public SparkEmbedOptions withRanges(float[] min, float[] max) {
        return with(c -> {
            c.rangesMin = min;
            c.rangesMax = max;
        });
    }

    public SparkEmbedOptions withMaxChars(int maxChars) {
        return with(c -> c.maxChars = maxChars);
    }

    public SparkEmbedOptions withOnLong(OnLong onLong) {
        return with(c -> c.onLong = onLong);
    }

    public SparkEmbedOptions withOnError(OnError onError) {
        return with(c -> c.onError = onError);
    }

    public SparkEmbedOptions withCheckModel(boolean checkModel) {
        return with(c -> c.checkModel = checkModel);
    }

    /** These options with some components changed: the record's components written out once, here. */
    private SparkEmbedOptions with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new SparkEmbedOptions(
                c.model,
                c.batchSize,
                c.threads,
                c.weights,
                c.normalize,
                c.truncateDim,
                c.precision,
                c.prompt,
                c.promptName,
                c.rangesMin,
                c.rangesMax,
                c.maxChars,
                c.onLong,
                c.onError,
                c.checkModel);
    }

    /** A mutable copy of the components, alive only inside {@link #with}. */
    private static final class Copy {
        String model;
        int batchSize;
        int threads;
        String weights;
        Boolean normalize;
        Integer truncateDim;
        Precision precision;
        String prompt;
        String promptName;
        float[] rangesMin;
        float[] rangesMax;
        int maxChars;
        OnLong onLong;
        OnError onError;
        boolean checkModel;

        Copy(SparkEmbedOptions o) {
            model = o.model;
            batchSize = o.batchSize;
            threads = o.threads;
            weights = o.weights;
            normalize = o.normalize;
            truncateDim = o.truncateDim;
            precision = o.precision;
            prompt = o.prompt;
            promptName = o.promptName;
            rangesMin = o.rangesMin;
            rangesMax = o.rangesMax;
            maxChars = o.maxChars;
            onLong = o.onLong;
            onError = o.onError;
            checkModel = o.checkModel;
        }
    }

    @Override
    public float[] rangesMin() {
        return rangesMin == null ? null : rangesMin.clone();
    }

    @Override
    public float[] rangesMax() {
        return rangesMax == null ? null : rangesMax.clone();
    }
}
