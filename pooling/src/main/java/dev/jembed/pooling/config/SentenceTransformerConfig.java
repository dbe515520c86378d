package dev.jembed.pooling.config;

import dev.jembed.pooling.ModelConfigException;
import dev.jembed.pooling.json.Json;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model folder read the way sentence-transformers reads it: the module pipeline from
 * {@code modules.json}, the prompts and similarity function from
 * {@code config_sentence_transformers.json}, and, for a plain Hugging Face folder without
 * {@code modules.json}, sentence-transformers' fallback of mean pooling (flagged by {@link #fallback()}
 * and explained in {@link #warnings()}).
 *
 * <p>Only the configuration is read here; weights and tokenizer files are opened by the pipeline.
 *
 * @param folder            the model folder
 * @param modules           the pipeline, starting with the {@link TransformerSpec}
 * @param prompts           prompt name to prompt text ({@code query} and {@code document} always exist,
 *                          empty unless configured, as in sentence-transformers)
 * @param defaultPromptName the prompt applied when an encode call names none, or null
 * @param similarityFnName  {@code cosine}, {@code dot}, {@code euclidean} or {@code manhattan};
 *                          null when the model does not say (sentence-transformers then uses cosine)
 * @param fallback          true when there was no modules.json and mean pooling was assumed
 * @param warnings          things a user should know about this folder (library code never prints)
 */
public record SentenceTransformerConfig(
        Path folder,
        List<ModuleSpec> modules,
        Map<String, String> prompts,
        String defaultPromptName,
        String similarityFnName,
        boolean fallback,
        List<String> warnings) {

    /** The similarity function names sentence-transformers accepts. */
    public static final Set<String> SIMILARITY_NAMES = Set.of("cosine", "dot", "euclidean", "manhattan");

    // Transformer configs of old sentence-transformers versions, in the order Transformer.load tries them.
    private static final List<String> TRANSFORMER_CONFIG_NAMES = List.of(
            "sentence_bert_config.json",
            "sentence_roberta_config.json",
            "sentence_distilbert_config.json",
            "sentence_camembert_config.json",
            "sentence_albert_config.json",
            "sentence_xlm-roberta_config.json",
            "sentence_xlnet_config.json");

    // Module classes that load a Hugging Face transformer: the current one and the pre-1.0 model-specific ones.
    private static final Set<String> TRANSFORMER_TYPES =
            Set.of("Transformer", "BERT", "RoBERTa", "DistilBERT", "XLMRoBERTa", "CamemBERT");

    public SentenceTransformerConfig {
        modules = List.copyOf(modules);
        prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
        warnings = List.copyOf(warnings);
        if (modules.isEmpty() || !(modules.getFirst() instanceof TransformerSpec)) {
            throw new IllegalArgumentException("the first module must be a Transformer");
        }
    }

    /** The transformer module (always the first). */
    public TransformerSpec transformer() {
        return (TransformerSpec) modules.getFirst();
    }

    /** The pooling module. */
    public PoolingConfig pooling() {
        for (ModuleSpec m : modules) if (m instanceof PoolingConfig p) return p;
        throw new IllegalStateException("no pooling module");
    }

    /** True if the pipeline ends in (contains) a Normalize module. */
    public boolean normalizes() {
        return modules.stream().anyMatch(m -> m instanceof NormalizeSpec);
    }

    /** Size of the sentence embedding the pipeline produces (before any truncate_dim). */
    public int dimension() {
        int dim = transformer().hiddenSize();
        for (ModuleSpec m : modules) {
            if (m instanceof PoolingConfig p) dim = p.outputDimension();
            else if (m instanceof DenseSpec d) dim = d.outFeatures();
        }
        return dim;
    }

    /** Reads {@code folder}; any problem is a {@link ModelConfigException} naming the file and field. */
    public static SentenceTransformerConfig read(Path folder) {
        if (!Files.isDirectory(folder))
            throw new ModelConfigException(folder, null, "not a model folder (no such directory)");
        List<String> warnings = new ArrayList<>();

        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put("query", "");
        prompts.put("document", "");
        String defaultPrompt = null;
        String similarity = null;
        Path stConfig = folder.resolve("config_sentence_transformers.json");
        if (Files.exists(stConfig)) {
            JsonObject o = JsonObject.read(stConfig);
            String type = o.string("model_type", "SentenceTransformer");
            if (!type.equals("SentenceTransformer")) {
                throw o.error(
                        "model_type", "is \"" + type + "\"; jembed loads SentenceTransformer (embedding) models only");
            }
            if (o.has("prompts")) prompts.putAll(o.stringMap("prompts"));
            defaultPrompt = o.string("default_prompt_name", null);
            if (defaultPrompt != null && !prompts.containsKey(defaultPrompt)) {
                throw o.error(
                        "default_prompt_name",
                        "\"" + defaultPrompt + "\" is not one of the prompts " + prompts.keySet());
            }
            similarity = o.string("similarity_fn_name", null);
            if (similarity != null && !SIMILARITY_NAMES.contains(similarity)) {
                throw o.error(
                        "similarity_fn_name",
                        "unknown similarity function \"" + similarity
                                + "\"; expected one of cosine, dot, euclidean, manhattan");
            }
        }

        Path modulesFile = folder.resolve("modules.json");
        List<ModuleSpec> modules = new ArrayList<>();
        boolean fallback = !Files.exists(modulesFile);
        if (fallback) {
            TransformerSpec t = readTransformer(folder, false, warnings);
            modules.add(t);
            modules.add(PoolingConfig.of(t.hiddenSize(), PoolingMode.MEAN));
            warnings.add("no modules.json in " + folder + ": not a sentence-transformers model; using mean pooling"
                    + " without normalization, as sentence-transformers does for a plain Hugging Face model");
        } else {
            readModules(folder, modulesFile, modules, warnings);
        }
        return new SentenceTransformerConfig(folder, modules, prompts, defaultPrompt, similarity, fallback, warnings);
    }

    private static void readModules(Path folder, Path modulesFile, List<ModuleSpec> modules, List<String> warnings) {
        Object root = Json.parse(modulesFile);
        if (!(root instanceof List<?> entries)) {
            throw new ModelConfigException(
                    modulesFile, null, "expected a JSON array of modules, found " + JsonObject.describe(root));
        }
        if (entries.isEmpty()) throw new ModelConfigException(modulesFile, null, "no modules");
        int dim = -1;
        boolean pooled = false;
        for (int i = 0; i < entries.size(); i++) {
            JsonObject e = JsonObject.of(modulesFile, JsonObject.pointer("", i), entries.get(i));
            String type = e.string("type");
            String cls = moduleClass(type);
            if (cls == null)
                throw e.error(
                        "type",
                        "unsupported module type \"" + type + "\"; jembed supports "
                                + "sentence_transformers.models Transformer, Pooling, Dense and Normalize");
            Path dir = modulePath(folder, e);
            if (i == 0 != TRANSFORMER_TYPES.contains(cls)) {
                throw e.error(
                        "type",
                        i == 0
                                ? "the first module must be a Transformer, found " + type
                                : "a second Transformer module (" + type + ") is not supported");
            }
            if (TRANSFORMER_TYPES.contains(cls)) {
                TransformerSpec t = readTransformer(dir, true, warnings);
                modules.add(t);
                dim = t.hiddenSize();
            } else if (cls.equals("Pooling")) {
                if (pooled) throw e.error("type", "a second Pooling module is not supported");
                PoolingConfig p = readPooling(dir.resolve("config.json"), warnings);
                if (p.dimension() != dim) {
                    throw new ModelConfigException(
                            dir.resolve("config.json"),
                            "/word_embedding_dimension",
                            p.dimension() + " does not match the transformer's hidden size " + dim);
                }
                modules.add(p);
                dim = p.outputDimension();
                pooled = true;
            } else if (!pooled) {
                throw e.error("type", type + " before any Pooling module: there is no sentence embedding yet");
            } else if (cls.equals("Dense")) {
                DenseSpec d = readDense(dir);
                if (d.inFeatures() != dim) {
                    throw new ModelConfigException(
                            dir.resolve("config.json"),
                            "/in_features",
                            d.inFeatures() + " does not match the incoming embedding size " + dim);
                }
                modules.add(d);
                dim = d.outFeatures();
            } else {
                modules.add(new NormalizeSpec());
            }
        }
        if (!pooled)
            throw new ModelConfigException(
                    modulesFile, null, "no Pooling module: the pipeline yields no sentence embedding");
    }

    /** The class name of a supported sentence-transformers module type, or null. */
    private static String moduleClass(String type) {
        if (!type.startsWith("sentence_transformers.")) return null;
        String cls = type.substring(type.lastIndexOf('.') + 1);
        if (TRANSFORMER_TYPES.contains(cls)
                || cls.equals("Pooling")
                || cls.equals("Dense")
                || cls.equals("Normalize")) {
            return cls;
        }
        return null;
    }

    private static Path modulePath(Path folder, JsonObject e) {
        String rel = e.string("path", "");
        Path p;
        try {
            p = folder.resolve(rel).normalize();
        } catch (InvalidPathException invalid) {
            throw e.error("path", "\"" + rel + "\" is not a valid path: " + invalid.getReason());
        }
        if (Path.of(rel).isAbsolute() || !p.startsWith(folder.normalize())) {
            throw e.error("path", "\"" + rel + "\" points outside the model folder");
        }
        return p;
    }

    static TransformerSpec readTransformer(Path dir, boolean sentenceTransformersModel, List<String> warnings) {
        Path configFile = dir.resolve("config.json");
        JsonObject config = JsonObject.read(configFile);
        String hiddenKey = config.has("hidden_size") ? "hidden_size" : config.has("dim") ? "dim" : "hidden_size";
        int hidden = config.integer(hiddenKey);
        if (hidden <= 0) throw config.error(hiddenKey, "must be positive, is " + hidden);

        Integer maxSeq = null;
        boolean lower = false;
        Path sbert = null;
        for (String name : TRANSFORMER_CONFIG_NAMES) {
            if (Files.exists(dir.resolve(name))) {
                sbert = dir.resolve(name);
                break;
            }
        }
        if (sbert != null) {
            JsonObject o = JsonObject.read(sbert);
            maxSeq = o.integer("max_seq_length", null);
            lower = o.bool("do_lower_case", false);
            if (maxSeq != null && maxSeq <= 0) throw o.error("max_seq_length", "must be positive, is " + maxSeq);
        } else if (sentenceTransformersModel) {
            warnings.add("no sentence_bert_config.json in " + dir + ": max_seq_length taken from the model config");
        }
        if (maxSeq == null) maxSeq = inferMaxSeqLength(dir, config, warnings);
        return new TransformerSpec(dir, hidden, maxSeq, lower);
    }

    // sentence-transformers: min(config.max_position_embeddings, tokenizer.model_max_length).
    private static int inferMaxSeqLength(Path dir, JsonObject config, List<String> warnings) {
        int positions = config.integer("max_position_embeddings");
        double tokenizerMax = Double.POSITIVE_INFINITY;
        Path tokConfig = dir.resolve("tokenizer_config.json");
        if (Files.exists(tokConfig)) {
            JsonObject t = JsonObject.read(tokConfig);
            if (t.has("model_max_length")) tokenizerMax = t.number("model_max_length");
        }
        int max = (int) Math.min(positions, tokenizerMax);
        String type = config.string("model_type", "");
        // RoBERTa-family position ids start after padding_idx (= pad_token_id, 1), so two rows are never usable.
        if (tokenizerMax > positions
                && (type.equals("roberta") || type.equals("xlm-roberta") || type.equals("camembert"))) {
            int padding = config.integer("pad_token_id", 1);
            max = positions - padding - 1;
            warnings.add(dir.resolve("config.json") + ": no tokenizer model_max_length; max_seq_length set to " + max
                    + " (max_position_embeddings " + positions + " minus the RoBERTa position offset)");
        }
        if (max <= 0) throw config.error("max_position_embeddings", "gives no usable sequence length");
        return max;
    }

    static PoolingConfig readPooling(Path file, List<String> warnings) {
        JsonObject o = JsonObject.read(file);
        int dim = o.integer("word_embedding_dimension");
        if (dim <= 0) throw o.error("word_embedding_dimension", "must be positive, is " + dim);
        EnumSet<PoolingMode> modes = EnumSet.noneOf(PoolingMode.class);
        for (PoolingMode m : PoolingMode.values()) {
            // Pooling.__init__ defaults pooling_mode_mean_tokens to True and every other mode to False.
            if (o.bool(m.configKey(), m == PoolingMode.MEAN)) modes.add(m);
        }
        if (o.has("pooling_mode")) {
            String name = o.string("pooling_mode");
            PoolingMode m = PoolingMode.fromShortName(name);
            if (m == null)
                throw o.error(
                        "pooling_mode",
                        "unknown pooling mode \"" + name
                                + "\"; valid modes are cls, lasttoken, max, mean, mean_sqrt_len_tokens, weightedmean");
            modes = EnumSet.of(m);
        }
        for (String key : o.keys()) {
            if (key.startsWith("pooling_mode_") && knownModeKey(key) == null) {
                if (o.bool(key, false))
                    throw o.error(
                            key,
                            "unknown pooling mode; valid keys are pooling_mode_cls_token, "
                                    + "pooling_mode_mean_tokens, pooling_mode_max_tokens, pooling_mode_mean_sqrt_len_tokens, "
                                    + "pooling_mode_weightedmean_tokens, pooling_mode_lasttoken");
                warnings.add(file + ": ignored unknown key " + key + " (false)");
            }
        }
        if (modes.isEmpty()) throw new ModelConfigException(file, null, "no pooling mode is enabled");
        return new PoolingConfig(dim, modes, o.bool("include_prompt", true));
    }

    private static PoolingMode knownModeKey(String key) {
        for (PoolingMode m : PoolingMode.values()) if (m.configKey().equals(key)) return m;
        return null;
    }

    static DenseSpec readDense(Path dir) {
        JsonObject o = JsonObject.read(dir.resolve("config.json"));
        int in = o.integer("in_features");
        int out = o.integer("out_features");
        if (in <= 0) throw o.error("in_features", "must be positive, is " + in);
        if (out <= 0) throw o.error("out_features", "must be positive, is " + out);
        String actName = o.string("activation_function", "torch.nn.modules.activation.Tanh");
        DenseActivation act = DenseActivation.fromTorchName(actName);
        if (act == null)
            throw o.error(
                    "activation_function",
                    "unsupported activation \"" + actName
                            + "\"; jembed supports torch.nn Identity, Tanh, ReLU and Sigmoid");
        for (String key : List.of("module_input_name", "module_output_name")) {
            String v = o.string(key, "sentence_embedding");
            if (!v.equals("sentence_embedding"))
                throw o.error(key, "is \"" + v + "\"; only sentence_embedding is supported");
        }
        Path weights = dir.resolve("model.safetensors");
        if (!Files.exists(weights)) {
            Path bin = dir.resolve("pytorch_model.bin");
            if (Files.exists(bin)) {
                throw new ModelConfigException(
                        bin,
                        null,
                        "Dense weights only in PyTorch pickle format; jembed reads "
                                + "model.safetensors (convert with safetensors.torch.save_file)");
            }
            throw new ModelConfigException(weights, null, "missing: the Dense module has no weights file");
        }
        return new DenseSpec(dir, weights, in, out, o.bool("bias", true), act, o.bool("use_residual", false));
    }

    /**
     * The prompt an encode call uses: {@code prompt} if given, else the configured prompt named
     * {@code promptName}, else the default prompt, else none ({@code ""}), as sentence-transformers'
     * {@code encode} picks it.
     *
     * @throws IllegalArgumentException if {@code promptName} names no configured prompt
     */
    public String prompt(String prompt, String promptName) {
        if (prompt != null) return prompt;
        if (promptName != null) {
            String p = prompts.get(promptName);
            if (p == null) {
                throw new IllegalArgumentException(
                        "prompt name '" + promptName + "' not found in the configured prompts " + prompts.keySet());
            }
            return p;
        }
        return defaultPromptName == null ? "" : prompts.getOrDefault(defaultPromptName, "");
    }
}
