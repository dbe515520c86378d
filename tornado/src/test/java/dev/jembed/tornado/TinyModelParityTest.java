package dev.jembed.tornado;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tiny random BERT, DistilBERT and RoBERTa (src/test/resources/tiny) on the TornadoVM device
 * against the cpu backend: every token's last hidden state, in a mixed-length batch and alone.
 */
class TinyModelParityTest {

    static Path model(String name) throws URISyntaxException {
        return Path.of(TinyModelParityTest.class.getResource("/tiny/" + name + "/config.json").toURI()).getParent();
    }

    @BeforeAll
    static void bailoutIsOff() {
        // with bailout on, a kernel the device cannot compile runs as Java and parity proves nothing
        assertEquals("false", System.getProperty("tornado.recover.bailout"), "run with -Dtornado.recover.bailout=false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert", "roberta"})
    void lastHiddenStateMatchesTheCpuBackend(String name) throws Exception {
        EngineOptions cpu = EngineOptions.defaults().withThreads(1).withBackend("cpu");
        Random random = new Random(42);
        int[][] ids = new int[7][];
        int[][] types = new int[ids.length][];
        for (int s = 0; s < ids.length; s++) {
            int n = 1 + random.nextInt(s == 3 ? 120 : 20);
            ids[s] = new int[n];
            types[s] = new int[n];
            for (int i = 0; i < n; i++) {
                ids[s][i] = 3 + random.nextInt(990);
                types[s][i] = name.equals("bert") && i > n / 2 ? 1 : 0;
            }
        }
        try (Encoder reference = Encoders.load(model(name), cpu);
             Encoder device = Encoders.load(model(name), cpu.withBackend("tornado"))) {
            int width = reference.hiddenSize();
            float[][] expected = reference.forward(ids, types);
            float[][] batched = device.forward(ids, types);
            Parity.Result r = Parity.check(name + " batch", expected, batched, width);
            for (int s = 0; s < ids.length; s++) {
                float[] alone = device.forward(new int[][]{ids[s]}, new int[][]{types[s]})[0];
                Parity.check(name + " sequence " + s + " alone", new float[][]{expected[s]}, new float[][]{alone}, width);
                assertArrayEquals(batched[s], alone, name + " sequence " + s + ": batched and alone differ on the device");
            }
            System.out.printf("tiny %s on %s: lowest cosine %.9f, largest difference %.3g%n", name, device, r.minCosine(), r.maxAbs());
        }
    }
}
