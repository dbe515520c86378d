package dev.jembed.tokenizer;

/**
 * A tokenizer file names a component (normalizer, pre-tokenizer, model, post-processor, decoder)
 * or an option that jembed does not implement. jembed refuses such a file rather than tokenize
 * differently from Hugging Face in silence.
 */
public final class UnsupportedComponentException extends TokenizerFormatException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String type;

    public UnsupportedComponentException(String source, String location, String component, String type) {
        super(source, location, "unsupported " + component + " type '" + type + "'");
        this.component = component;
        this.type = type;
    }

    public UnsupportedComponentException(String source, String location, String component, String type, String detail) {
        super(source, location, "unsupported " + component + " '" + type + "': " + detail);
        this.component = component;
        this.type = type;
    }

    /** The kind of component: "normalizer", "pre_tokenizer", "model", "post_processor", "decoder". */
    public String component() {
        return component;
    }

    /** The {@code type} value found in the file. */
    public String type() {
        return type;
    }
}
