package dev.jembed.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of {@link EmbedJob}: where to read and write, and the embedding options, which are
 * {@link SparkEmbedOptions#KEYS} spelled as flags ({@code --batch-size 64} is {@code batch_size=64}).
 *
 * @param input        input path (a file or folder Spark can read)
 * @param output       output folder
 * @param inputFormat  text, jsonl or parquet
 * @param outputFormat jsonl or parquet
 * @param textColumn   the column (parquet) or field (jsonl) to embed
 * @param partitions   partitions to embed in, or 0 for at least Spark's default parallelism
 * @param overwrite    replace an existing output folder
 * @param options      the embedding options
 */
record JobArgs(
        String input,
        String output,
        String inputFormat,
        String outputFormat,
        String textColumn,
        int partitions,
        boolean overwrite,
        SparkEmbedOptions options) {

    static final String USAGE = """
            usage: EmbedJob --input PATH --output PATH [options]

            Embeds one text per row and writes every row with its embedding (array of floats).
              --input PATH          a file or folder; text: one document per line
              --output PATH         output folder (Spark writes part files, in input order)
              --input-format F      text, jsonl or parquet (default: from the extension; .parquet,
                                    .jsonl/.json/.ndjson, else text)
              --output-format F     parquet (default) or jsonl
              --text-column NAME    the column or JSON field to embed (default: text); text and jsonl
                                    outputs carry `line` (1-based line number) and `text`
              --partitions N        embed in N partitions (default: at least Spark's default parallelism)
              --overwrite           replace the output folder if it exists
              --model M             model folder or Hugging Face id (default: the embedded all-MiniLM-L6-v2)
              --batch-size N        texts per forward pass (default 32)
              --threads N           threads of each executor's model (default: the executor's cores)
              --weights W           f32 (default), bf16 or int8 Linear weights
              --normalize | --no-normalize
              --truncate-dim N      keep the first N dimensions
              --precision P         float32 (default), binary or ubinary (int8/uint8 need fixed ranges: Java API)
              --prompt TEXT         text prepended to every input
              --prompt-name NAME    a prompt from the model's configuration
              --max-chars N         longest text embedded as it is (default 100000)
              --on-long L           truncate (default) or error: what a longer text gets
              --on-error E          report (default: null embedding, reason in embedding_error) or fail
              --no-check-model      do not resolve the model on the driver first
            """;

    private static final List<String> VALUE_FLAGS = List.of(
            "--input",
            "--output",
            "--input-format",
            "--output-format",
            "--text-column",
            "--partitions",
            "--model",
            "--batch-size",
            "--threads",
            "--weights",
            "--truncate-dim",
            "--precision",
            "--prompt",
            "--prompt-name",
            "--max-chars",
            "--on-long",
            "--on-error");

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the flag and what is wrong with it
     */
    static JobArgs parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> embed = new LinkedHashMap<>();
        boolean overwrite = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--overwrite" -> overwrite = true;
                case "--normalize" -> embed.put("normalize", "true");
                case "--no-normalize" -> embed.put("normalize", "false");
                case "--no-check-model" -> embed.put("check_model", "false");
                default -> {
                    if (!VALUE_FLAGS.contains(a))
                        throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                    String v = args[++i];
                    String key = a.substring(2).replace('-', '_');
                    if (SparkEmbedOptions.KEYS.contains(key)) embed.put(key, v);
                    else values.put(a, v);
                }
            }
        }
        String input = required(values, "--input"), output = required(values, "--output");
        String inFormat = values.getOrDefault("--input-format", formatOf(input));
        String outFormat = values.getOrDefault("--output-format", "parquet");
        if (!List.of("text", "jsonl", "parquet").contains(inFormat)) {
            throw new IllegalArgumentException("--input-format must be text, jsonl or parquet, got " + inFormat);
        }
        if (!List.of("jsonl", "parquet").contains(outFormat)) {
            throw new IllegalArgumentException("--output-format must be jsonl or parquet, got " + outFormat);
        }
        int partitions;
        try {
            partitions = Integer.parseInt(values.getOrDefault("--partitions", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--partitions must be a number, got " + values.get("--partitions"), e);
        }
        if (partitions < 0) throw new IllegalArgumentException("--partitions must be positive, got " + partitions);
        return new JobArgs(
                input,
                output,
                inFormat,
                outFormat,
                values.getOrDefault("--text-column", "text"),
                partitions,
                overwrite,
                SparkEmbedOptions.fromMap(embed));
    }

    private static String required(Map<String, String> values, String flag) {
        String v = values.get(flag);
        if (v == null) throw new IllegalArgumentException(flag + " is required\n" + USAGE);
        return v;
    }

    private static String formatOf(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".parquet")) return "parquet";
        if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson")) return "jsonl";
        return "text";
    }
}
