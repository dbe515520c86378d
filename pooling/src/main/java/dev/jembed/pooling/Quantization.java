package dev.jembed.pooling;

/**
 * sentence-transformers' {@code quantize_embeddings}, value for value.
 *
 * <ul>
 *   <li>int8 / uint8: {@code starts = min}, {@code steps = (max - min) / 255} per dimension (float32),
 *       then {@code (x - starts) / steps} (minus 128 for int8) converted as numpy's
 *       {@code astype(np.int8 / np.uint8)} does on x86-64: truncation toward zero to a 32-bit integer
 *       (NaN and out-of-range become {@code INT_MIN}), then the low 8 bits. Values outside the
 *       calibration range therefore wrap around, as they do in Python.
 *   <li>binary / ubinary: {@code np.packbits(x > 0)}, most significant bit first, a partial last byte
 *       padded with zero bits; binary stores {@code packed - 128} as int8.
 * </ul>
 *
 * <p>One difference by design: sentence-transformers packs the flattened matrix and reshapes it,
 * which for a dimension that is not a multiple of 8 fails or lets bits of one vector spill into the
 * next; here each vector is packed on its own (identical whenever the dimension is a multiple of 8,
 * or for a single vector).
 */
final class Quantization {
    private Quantization() {}

    /**
     * Quantizes {@code embeddings}. For int8 / uint8 the ranges come from {@code ranges} when given,
     * else from the embeddings themselves (sentence-transformers' default, unstable for few vectors).
     */
    public static EncodeResult quantize(float[][] embeddings, Precision precision, QuantizationRanges ranges) {
        int dim = embeddings.length == 0 ? (ranges == null ? 0 : ranges.dimension()) : embeddings[0].length;
        for (float[] e : embeddings) {
            if (e.length != dim)
                throw new IllegalArgumentException("embeddings differ in length: " + e.length + " vs " + dim);
        }
        if (precision == Precision.FLOAT32) return EncodeResult.ofFloats(dim, embeddings);
        byte[][] out = new byte[embeddings.length][];
        switch (precision) {
            case INT8, UINT8 -> {
                if (embeddings.length == 0) return EncodeResult.ofBytes(precision, dim, out);
                QuantizationRanges r = ranges != null ? ranges : QuantizationRanges.of(embeddings);
                if (r.dimension() != dim) {
                    throw new IllegalArgumentException(
                            "ranges have " + r.dimension() + " dimensions, embeddings " + dim);
                }
                float[] starts = new float[dim], steps = new float[dim];
                for (int d = 0; d < dim; d++) {
                    starts[d] = r.minAt(d);
                    steps[d] = (r.maxAt(d) - r.minAt(d)) / 255f;
                }
                boolean signed = precision == Precision.INT8;
                for (int i = 0; i < embeddings.length; i++) {
                    byte[] row = new byte[dim];
                    for (int d = 0; d < dim; d++) {
                        float v = (embeddings[i][d] - starts[d]) / steps[d];
                        if (signed) v -= 128f;
                        row[d] = (byte) cTruncate(v);
                    }
                    out[i] = row;
                }
            }
            case BINARY, UBINARY -> {
                int offset = precision == Precision.BINARY ? -128 : 0;
                for (int i = 0; i < embeddings.length; i++) out[i] = packBits(embeddings[i], offset);
            }
            default -> throw new IllegalStateException();
        }
        return EncodeResult.ofBytes(precision, dim, out);
    }

    /** {@code np.packbits(v > 0)} plus {@code offset}, wrapped to a byte. */
    static byte[] packBits(float[] v, int offset) {
        byte[] out = new byte[(v.length + 7) / 8];
        for (int b = 0; b < out.length; b++) {
            int bits = 0;
            for (int k = 0; k < 8; k++) {
                int d = b * 8 + k;
                bits = bits << 1 | (d < v.length && v[d] > 0 ? 1 : 0);
            }
            out[b] = (byte) (bits + offset);
        }
        return out;
    }

    /** C's float-to-int conversion as x86-64 executes it ({@code cvttss2si}): NaN and overflow give INT_MIN. */
    static int cTruncate(float v) {
        if (Float.isNaN(v) || v >= 0x1p31f || v < -0x1p31f) return Integer.MIN_VALUE;
        return (int) v;
    }
}
