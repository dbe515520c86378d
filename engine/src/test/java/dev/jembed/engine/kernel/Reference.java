package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;

/** Double-precision reference formulas for the kernel tests. */
final class Reference {
    private Reference() {}

    /** erf to ~1e-15: Maclaurin series below 3, continued fraction of erfc above. */
    static double erf(double x) {
        double t = Math.abs(x);
        double r;
        if (t < 3) {
            double term = t, sum = t, x2 = t * t;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
            }
            r = sum * 2 / Math.sqrt(Math.PI);
        } else {
            double f = 0;
            for (int k = 80; k >= 1; k--) f = k / 2.0 / (t + f);
            r = 1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
        }
        return Math.copySign(r, x);
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    static double geluTanh(double x) {
        // 0.5 x (1 + tanh u) = x / (1 + exp(-2u)); the second form keeps double precision for negative x
        return x / (1 + Math.exp(-2 * Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    static double act(double x, Activation a) {
        return switch (a) {
            case NONE -> x;
            case GELU -> gelu(x);
            case GELU_TANH -> geluTanh(x);
        };
    }

    static float at(MemorySegment s, long i) {
        return s.getAtIndex(ScalarKernels.F32, i);
    }
}
