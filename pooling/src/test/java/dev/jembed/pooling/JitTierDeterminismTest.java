package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism across JIT tiers: the same text gives the same bits cold and after warm-up, alone and
 * in batches, in the interpreter, with C1 only, with C2 only and with the default tiered JIT; and
 * the SIMD reductions equal their scalar twins. Before the pooling reductions stopped using
 * {@code reduceLanes(ADD)}, the normalized vectors differed in the last bits between tiers.
 */
@Tag("slow")
class JitTierDeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void embeddingsAndReductionsHaveTheSameBitsAtEveryTier() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("bert"), "bert", TinyModels.MEAN, "Normalize");
        Map<String, List<String>> runs = new LinkedHashMap<>();
        runs.put("interpreter", probe(folder, 3, "-Xint"));
        runs.put("C1", probe(folder, 12_000, "-XX:TieredStopAtLevel=1"));
        runs.put("C2", probe(folder, 12_000, "-XX:-TieredCompilation"));
        runs.put("tiered", probe(folder, 12_000));
        List<String> reference = runs.get("interpreter");
        assertEquals(8, reference.size(), String.join("\n", reference));
        for (var run : runs.entrySet()) {
            List<String> lines = run.getValue();
            String text = value(lines, "text cold");
            assertEquals(text, value(lines, "text warm"), run.getKey() + ": warm vs cold");
            for (String l : lines)
                if (l.startsWith("text in batch"))
                    assertEquals(text, value(List.of(l), l.substring(0, l.indexOf(':'))), run.getKey() + " " + l);
            assertEquals(
                    value(lines, "reductions cold"),
                    value(lines, "reductions warm"),
                    run.getKey() + ": reductions warm vs cold");
            assertEquals(reference, lines, run.getKey() + " vs the interpreter");
        }
    }

    @Test
    void simdReductionsEqualTheirScalarTwins() {
        Random r = new Random(7);
        for (int n = 0; n <= 200; n++) {
            float[] a = new float[n + 3], b = new float[n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
                b[i] = (float) r.nextGaussian() * 1e3f;
            }
            assertEquals(
                    Float.floatToRawIntBits(ScalarOps.dot(a, 3, b, 3, n)),
                    Float.floatToRawIntBits(SimdOps.dot(a, 3, b, 3, n)),
                    "dot " + n);
            assertEquals(
                    Float.floatToRawIntBits(ScalarOps.squaredDistance(a, b, n)),
                    Float.floatToRawIntBits(SimdOps.squaredDistance(a, b, n)),
                    "sq " + n);
            assertEquals(
                    Float.floatToRawIntBits(ScalarOps.manhattan(a, b, n)),
                    Float.floatToRawIntBits(SimdOps.manhattan(a, b, n)),
                    "l1 " + n);
            float[] four = new float[4], fourScalar = new float[4];
            SimdOps.dot4(a, b, b, a, a, n, four);
            ScalarOps.dot4(a, b, b, a, a, n, fourScalar);
            assertArrayEquals(fourScalar, four, "dot4 " + n);
            assertEquals(
                    Float.floatToRawIntBits(ScalarOps.dot(a, 0, a, 0, n)),
                    Float.floatToRawIntBits(four[0]),
                    "dot4 " + n);
            assertEquals(
                    Float.floatToRawIntBits(ScalarOps.dot(b, 0, a, 0, n)),
                    Float.floatToRawIntBits(four[1]),
                    "dot4 " + n);
            assertArrayEquals(elementWise(true, a, b, n), elementWise(false, a, b, n), "element-wise " + n);
        }
    }

    /**
     * The whole pipeline on the engine's scalar kernels: forced by {@code -Djembed.kernels=scalar},
     * and in a JVM without {@code jdk.incubator.vector} at all (where pooling once failed to load).
     * The pooling reductions then run on {@link ScalarOps} and give the SIMD path's bits. The
     * embeddings differ from the SIMD run's in the last bits only (the engine's scalar LayerNorm,
     * GELU and softmax round differently from its vector ones), so they are compared within 1e-6
     * per component; the two scalar runs are compared bit for bit, and each run is batch-invariant.
     */
    @Test
    void scalarKernelsGiveTheSimdPipelinesEmbeddings() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("bert"), "bert", TinyModels.MEAN, "Normalize");
        String vector = "--add-modules=jdk.incubator.vector";
        List<String> simd = run(folder, 3, List.of(vector));
        List<String> forced = run(folder, 3, List.of(vector, "-Djembed.kernels=scalar"));
        List<String> noVectorModule = run(folder, 3, List.of());
        assertEquals("simd", value(simd, "pooling path"));
        assertEquals("scalar", value(forced, "pooling path"));
        assertEquals("scalar", value(noVectorModule, "pooling path"));
        assertEquals(forced, noVectorModule, "scalar kernels forced vs no jdk.incubator.vector");
        assertEquals(value(simd, "reductions cold"), value(forced, "reductions cold"), "pooling reductions");
        float[] expected = floats(value(simd, "text cold"));
        for (String l : forced) {
            if (!l.startsWith("text")) continue;
            assertEquals(
                    value(forced, "text cold"),
                    l.substring(l.indexOf(": ") + 2),
                    "scalar run, " + l.substring(0, l.indexOf(':')));
        }
        float[] scalar = floats(value(forced, "text cold"));
        assertEquals(expected.length, scalar.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], scalar[i], 1e-6f, "component " + i);
    }

    private static float[] floats(String hex) {
        float[] v = new float[hex.length() / 8];
        for (int i = 0; i < v.length; i++)
            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 8 * i, 8 * i + 8, 16));
        return v;
    }

    /** add, addScaled, max and divide on one path; their results concatenated. */
    private static float[] elementWise(boolean simd, float[] a, float[] b, int n) {
        float[] add = a.clone(), scaled = a.clone(), max = a.clone(), div = a.clone();
        if (simd) {
            SimdOps.add(add, b, 1, n);
            SimdOps.addScaled(scaled, b, 2, 0.37f, n);
            SimdOps.max(max, b, 3, n);
            SimdOps.divide(div, 1, n, 3.3f);
        } else {
            ScalarOps.add(add, b, 1, n);
            ScalarOps.addScaled(scaled, b, 2, 0.37f, n);
            ScalarOps.max(max, b, 3, n);
            ScalarOps.divide(div, 1, n, 3.3f);
        }
        float[] all = new float[4 * a.length];
        System.arraycopy(add, 0, all, 0, a.length);
        System.arraycopy(scaled, 0, all, a.length, a.length);
        System.arraycopy(max, 0, all, 2 * a.length, a.length);
        System.arraycopy(div, 0, all, 3 * a.length, a.length);
        return all;
    }

    private static String value(List<String> lines, String label) {
        for (String l : lines) if (l.startsWith(label + ": ")) return l.substring(label.length() + 2);
        throw new AssertionError("no line '" + label + "' in " + lines);
    }

    /** Runs {@link TierProbe} in a new JVM with {@code flags}; its output lines. */
    static List<String> probe(Path folder, int warm, String... flags) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
        all.addAll(List.of(flags));
        List<String> lines = run(folder, warm, all);
        return lines.subList(0, lines.size() - 1);
    }

    /** Runs {@link TierProbe} with exactly {@code flags}; every output line, its last the pooling path. */
    static List<String> run(Path folder, int warm, List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:+UseSerialGC",
                "-Xmx256m"));
        cmd.addAll(flags);
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                TierProbe.class.getName(),
                folder.toString(),
                Integer.toString(warm)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> !l.startsWith("WARNING:")).toList();
    }
}
