package dev.jembed.pooling;

import java.util.Objects;

/**
 * Per-dimension {@code [min, max]} ranges for int8 / uint8 quantization, sentence-transformers'
 * {@code ranges} array of shape {@code (2, dim)}. Compute them from a representative set of
 * embeddings ({@link #of}) and reuse them for every later batch so all vectors share one scale.
 */
public record QuantizationRanges(float[] min, float[] max) {

    public QuantizationRanges {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.length != max.length)
            throw new IllegalArgumentException("min has " + min.length + " values, max " + max.length);
        if (min.length == 0) throw new IllegalArgumentException("empty ranges");
        min = min.clone();
        max = max.clone();
    }

    /** {@code np.min(calibration, axis=0)} and {@code np.max(calibration, axis=0)}. */
    public static QuantizationRanges of(float[][] calibration) {
        if (calibration.length == 0) throw new IllegalArgumentException("no calibration embeddings");
        int dim = calibration[0].length;
        float[] lo = calibration[0].clone(), hi = calibration[0].clone();
        for (float[] row : calibration) {
            if (row.length != dim)
                throw new IllegalArgumentException("calibration rows differ in length: " + row.length + " vs " + dim);
            for (int d = 0; d < dim; d++) {
                // numpy's min/max propagate NaN; Math.min/max do too.
                lo[d] = Math.min(lo[d], row[d]);
                hi[d] = Math.max(hi[d], row[d]);
            }
        }
        return new QuantizationRanges(lo, hi);
    }

    @Override
    public float[] min() {
        return min.clone();
    }

    @Override
    public float[] max() {
        return max.clone();
    }

    public int dimension() {
        return min.length;
    }

    float minAt(int d) {
        return min[d];
    }

    float maxAt(int d) {
        return max[d];
    }
}
