package dev.jembed.engine.config;

import java.util.List;

/**
 * The encoder families jembed runs. Each maps Hugging Face {@code architectures} class names (the
 * base model and its {@code *ForXxx} heads, whose encoder weights carry a prefix) and
 * {@code model_type} values to one forward pass.
 */
public enum Architecture {
    /** BERT and everything shaped like it: MiniLM, bge, e5, multi-qa-MiniLM. */
    BERT("Bert", "bert.", List.of("bert")),
    /** DistilBERT: no token types, differently named layers, LayerNorm eps fixed at 1e-12. */
    DISTILBERT("DistilBert", "distilbert.", List.of("distilbert")),
    /** RoBERTa and XLM-RoBERTa: BERT layers, positions counted from {@code pad_token_id + 1}. */
    ROBERTA("Roberta", "roberta.", List.of("roberta", "xlm-roberta"));

    private final String classPrefix;
    private final String weightPrefix;
    private final List<String> modelTypes;

    Architecture(String classPrefix, String weightPrefix, List<String> modelTypes) {
        this.classPrefix = classPrefix;
        this.weightPrefix = weightPrefix;
        this.modelTypes = modelTypes;
    }

    /** The prefix a {@code *ForXxx} checkpoint puts before the base model's weight names, e.g. {@code "bert."}. */
    public String weightPrefix() {
        return weightPrefix;
    }

    /**
     * The architecture of a Hugging Face class name: {@code BertModel}, {@code BertForMaskedLM},
     * {@code XLMRobertaModel}, ... or null if jembed does not run it.
     */
    public static Architecture ofClassName(String className) {
        for (String prefix : List.of("XLM", "")) {
            if (!className.startsWith(prefix)) continue;
            String rest = className.substring(prefix.length());
            for (Architecture a : values()) {
                if (prefix.equals("XLM") && a != ROBERTA) continue;
                if (rest.equals(a.classPrefix + "Model") || rest.startsWith(a.classPrefix + "For")) return a;
            }
        }
        return null;
    }

    /** The architecture of a {@code model_type} value, or null if jembed does not run it. */
    public static Architecture ofModelType(String modelType) {
        for (Architecture a : values()) {
            if (a.modelTypes.contains(modelType)) return a;
        }
        return null;
    }

    /** For error messages: every supported class name and model type. */
    public static String supported() {
        return "BertModel (model_type bert), DistilBertModel (distilbert), RobertaModel (roberta), "
                + "XLMRobertaModel (xlm-roberta), and their *For... heads";
    }
}
