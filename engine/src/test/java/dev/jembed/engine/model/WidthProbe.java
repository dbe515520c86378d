package dev.jembed.engine.model;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.engine.testing.MiniLm;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/**
 * Run in child JVMs by {@link WidthInvarianceTest}: encodes seeded token sequences of awkward lengths
 * with the model named by the first argument ({@code minilm} or a tiny model: {@code bert},
 * {@code distilbert}, {@code roberta}) and prints the SHA-256 of every output float's bits.
 */
public final class WidthProbe {
    private WidthProbe() {}

    public static void main(String[] args) throws Exception {
        Path folder = args[0].equals("minilm") ? MiniLm.safetensorsDir() : Fixtures.tinyModel(args[0]);
        int vocab = args[0].equals("minilm") ? 30522 : 1000;
        int[] lengths = args[0].equals("minilm") ? new int[] {1, 9, 17, 33, 74, 128} : new int[] {1, 2, 5, 7, 16, 17};
        Random rnd = new Random(5);
        int[][] ids = new int[lengths.length][];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = new int[lengths[s]];
            for (int t = 0; t < lengths[s]; t++) ids[s][t] = 5 + rnd.nextInt(vocab - 5);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Encoder encoder = Encoders.load(folder, EngineOptions.defaults().withThreads(1))) {
            for (float[] h : encoder.forward(ids, null)) {
                ByteBuffer b = ByteBuffer.allocate(4 * h.length);
                for (float v : h) b.putInt(Float.floatToRawIntBits(v));
                sha.update(b.array());
            }
        }
        System.out.println("sha256 " + HexFormat.of().formatHex(sha.digest()) + " "
                + Kernels.preferred().name());
    }
}
