package dev.jembed.pooling;

/**
 * Output precisions of sentence-transformers' {@code encode(precision=...)} and
 * {@code quantize_embeddings}: float32, or one of the quantized forms.
 */
public enum Precision {
    /** Plain float32 vectors. */
    FLOAT32("float32"),
    /** Scalar quantization per dimension to {@code [-128, 127]} using calibration ranges. */
    INT8("int8"),
    /** Scalar quantization per dimension to {@code [0, 255]} using calibration ranges. */
    UINT8("uint8"),
    /** One bit per dimension ({@code x > 0}), packed 8 to a byte, MSB first, stored minus 128 as int8. */
    BINARY("binary"),
    /** One bit per dimension ({@code x > 0}), packed 8 to a byte, MSB first, as uint8. */
    UBINARY("ubinary");

    private final String pythonName;

    Precision(String pythonName) {
        this.pythonName = pythonName;
    }

    /** The name sentence-transformers uses, e.g. {@code ubinary}. */
    public String pythonName() {
        return pythonName;
    }

    /** True for the bit-packed precisions. */
    public boolean packed() {
        return this == BINARY || this == UBINARY;
    }

    /** True for the precisions whose bytes are read as unsigned. */
    public boolean unsigned() {
        return this == UINT8 || this == UBINARY;
    }

    /** Stored values per vector of {@code dimension} floats. */
    public int rowLength(int dimension) {
        return packed() ? (dimension + 7) / 8 : dimension;
    }

    /** The precision for a sentence-transformers name (case-insensitive). */
    public static Precision fromName(String name) {
        for (Precision p : values()) if (p.pythonName.equalsIgnoreCase(name)) return p;
        throw new IllegalArgumentException(
                "unknown precision \"" + name + "\"; expected float32, int8, uint8, binary or ubinary");
    }
}
