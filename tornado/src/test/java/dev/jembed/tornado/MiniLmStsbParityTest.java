package dev.jembed.tornado;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real all-MiniLM-L6-v2 (embedded by the build) on STS-B sentences: the tornado backend's
 * embeddings against the cpu backend's, in unsorted batches of 32 mixed
 * lengths (all 128) and one sentence per pass (the first 24), normalized (the model's output) and
 * raw mean-pooled.
 */
class MiniLmStsbParityTest {
    static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";

    static List<String> sentences() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = MiniLmStsbParityTest.class.getResourceAsStream("/stsb/sts-test-first64.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                out.add(f[5]);
                out.add(f[6]);
            }
        }
        return out;
    }

    static float[][] normalized(float[][] vectors) {
        float[][] out = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            double n = 0;
            for (float v : vectors[i]) n += (double) v * v;
            out[i] = new float[vectors[i].length];
            for (int j = 0; j < out[i].length; j++) out[i][j] = (float) (vectors[i][j] / Math.sqrt(n));
        }
        return out;
    }

    @Test
    void stsbEmbeddingsMatchTheCpuBackend() throws IOException {
        assertEquals("false", System.getProperty("tornado.recover.bailout"), "run with -Dtornado.recover.bailout=false");
        List<String> texts = sentences();
        assertEquals(128, texts.size());
        LoadOptions options = LoadOptions.defaults().withThreads(2);
        try (SentenceTransformer cpu = SentenceTransformer.load(MODEL, options.withBackend("cpu"));
             SentenceTransformer device = SentenceTransformer.load(MODEL, options.withBackend("tornado"))) {
            assertTrue(device.info().backend().startsWith("tornado ("), device.info().backend());
            int width = cpu.info().dimension();
            // the model's output is normalized; the raw mean-pooled vectors are compared too, where
            // normalization cannot hide a scale error
            EncodeOptions alone = EncodeOptions.defaults().withBatchSize(1).withNormalize(false);
            EncodeOptions mixed = EncodeOptions.defaults().withBatchSize(32).withSortByLength(false).withNormalize(false);
            float[][] expected = cpu.encode(texts, alone).floats();
            float[][] batched = device.encode(texts, mixed).floats();
            Parity.Result raw = Parity.check("mixed batches, not normalized", expected, batched, width);
            Parity.Result m = Parity.check("mixed batches", normalized(expected), normalized(batched), width);
            List<String> few = texts.subList(0, 24);
            Parity.Result a = Parity.check("alone", normalized(cpu.encode(few, alone).floats()),
                    normalized(device.encode(few, alone).floats()), width);
            System.out.printf("all-MiniLM-L6-v2, 128 STS-B sentences on %s:%n", device.info().backend());
            System.out.printf("  24 alone:       lowest cosine %.9f, largest difference %.3g%n", a.minCosine(), a.maxAbs());
            System.out.printf("  128 in mixed batches of 32: lowest cosine %.9f, largest difference %.3g%n", m.minCosine(), m.maxAbs());
            System.out.printf("  unnormalized:   lowest cosine %.9f, largest difference %.3g%n", raw.minCosine(), raw.maxAbs());
        }
    }
}
