package dev.jembed.engine.kernel;

/**
 * Scalar float formulas for exp, erf and the two GELUs, shared by both kernel sets.
 *
 * <p>Every step is a single IEEE operation or a fused multiply-add, and {@link VectorKernels}
 * performs the very same steps lane by lane, so scalar and vector results are bit-identical
 * (which lets vector loops finish their tails with these functions without changing a result).
 */
final class KernelMath {
    private KernelMath() {}

    // exp: x = n ln2 + r with |r| <= ln2/2, exp(r) by Cephes' expf polynomial, 2^n built in the exponent bits.
    /** Below this, exp underflows the normal range; the result is taken as 0. */
    static final float EXP_LO = -87.33654f;
    /** Above this, 2^n would overflow the exponent field; inputs are clamped here (exp = 2.4e38). */
    static final float EXP_HI = 88.37626f;

    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds a float below 2^22 to an integer, kept in the low mantissa bits. */
    static final float ROUND_MAGIC = 12582912f;

    static final int ROUND_MAGIC_BITS = 0x4B400000;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float EXP_P0 = 1.9875691500e-4f;
    static final float EXP_P1 = 1.3981999507e-3f;
    static final float EXP_P2 = 8.3334519073e-3f;
    static final float EXP_P3 = 4.1665795894e-2f;
    static final float EXP_P4 = 1.6666665459e-1f;
    static final float EXP_P5 = 5.0000001201e-1f;

    /** exp(x) within about 2 ulp; 0 below {@link #EXP_LO}; NaN stays NaN. */
    static float exp(float x) {
        if (x < EXP_LO) return 0f;
        float xc = Math.min(x, EXP_HI);
        float t = Math.fma(xc, LOG2E, ROUND_MAGIC);
        float n = t - ROUND_MAGIC;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(EXP_P0, r, EXP_P1);
        p = Math.fma(p, r, EXP_P2);
        p = Math.fma(p, r, EXP_P3);
        p = Math.fma(p, r, EXP_P4);
        p = Math.fma(p, r, EXP_P5);
        float r2 = r * r;
        float y = Math.fma(p, r2, r) + 1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUND_MAGIC_BITS + 127) << 23);
        return y * scale;
    }

    // erf: odd rational x P(x^2) / Q(x^2) on [-4, 4] (erf is +-1 in float beyond), minimax coefficients.
    static final float ERF_CLAMP = 4f;
    static final float ERF_A1 = -1.60960333262415e-02f;
    static final float ERF_A3 = -2.95459980854025e-03f;
    static final float ERF_A5 = -7.34990630326855e-04f;
    static final float ERF_A7 = -5.69250639462346e-05f;
    static final float ERF_A9 = -2.10102402082508e-06f;
    static final float ERF_A11 = 2.77068142495902e-08f;
    static final float ERF_A13 = -2.72614225801306e-10f;
    static final float ERF_B0 = -1.42647390514189e-02f;
    static final float ERF_B2 = -7.37332916720468e-03f;
    static final float ERF_B4 = -1.68282697438203e-03f;
    static final float ERF_B6 = -2.13374055278905e-04f;
    static final float ERF_B8 = -1.45660718464996e-05f;

    /** erf(x) within a few ulp. */
    static float erf(float x) {
        float xc = Math.max(-ERF_CLAMP, Math.min(x, ERF_CLAMP));
        float x2 = xc * xc;
        float p = Math.fma(x2, ERF_A13, ERF_A11);
        p = Math.fma(x2, p, ERF_A9);
        p = Math.fma(x2, p, ERF_A7);
        p = Math.fma(x2, p, ERF_A5);
        p = Math.fma(x2, p, ERF_A3);
        p = Math.fma(x2, p, ERF_A1);
        p = xc * p;
        float q = Math.fma(x2, ERF_B8, ERF_B6);
        q = Math.fma(x2, q, ERF_B4);
        q = Math.fma(x2, q, ERF_B2);
        q = Math.fma(x2, q, ERF_B0);
        return p / q;
    }

    static final float SQRT1_2 = 0.70710678118654752f;

    /** Exact GELU in PyTorch's order: {@code (x * 0.5) * (1 + erf(x / sqrt 2))}. */
    static float gelu(float x) {
        return (x * 0.5f) * (1f + erf(x * SQRT1_2));
    }

    static final float GELU_TANH_C = 0.7978845608028654f; // sqrt(2 / pi)
    static final float GELU_TANH_K = 0.044715f;

    /**
     * Tanh GELU {@code 0.5 x (1 + tanh(u))}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, evaluated
     * as the identical {@code x / (1 + exp(-2u))}, which has no cancellation for negative x.
     */
    static float geluTanh(float x) {
        float x3 = x * x * x;
        float u = GELU_TANH_C * Math.fma(GELU_TANH_K, x3, x);
        return x / (1f + exp(-2f * u));
    }

    /** {@code 1 / sqrt(variance + eps)}, rounded once from double so both kernel sets agree exactly. */
    static float rstd(float variance, float eps) {
        return (float) (1.0 / Math.sqrt((double) variance + eps));
    }

    static float apply(float x, Activation act) {
        return switch (act) {
            case NONE -> x;
            case GELU -> gelu(x);
            case GELU_TANH -> geluTanh(x);
        };
    }
}
