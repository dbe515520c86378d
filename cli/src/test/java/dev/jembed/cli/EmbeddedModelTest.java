package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model folder the build assembled (target/jembed-model, packed as the all-minilm-l6-v2 jar) is
 * exactly what its index.txt promises: in particular model.safetensors, converted from the ONNX by
 * the engine during the build, has the sha256 of the official Hugging Face file.
 */
class EmbeddedModelTest {

    @Test
    void everyFileMatchesItsIndexChecksum() throws IOException, NoSuchAlgorithmException {
        Path folder = Cli.embeddedModelFolder();
        List<String> entries = Files.readAllLines(folder.resolve("index.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        assertEquals(10, entries.size());
        for (String entry : entries) {
            String sha = entry.substring(0, 64), file = entry.substring(66);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(folder.resolve(file)), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertEquals(sha, HexFormat.of().formatHex(md.digest()), file);
        }
        assertEquals(
                "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
                entries.stream()
                        .filter(e -> e.endsWith("  model.safetensors"))
                        .findFirst()
                        .orElseThrow()
                        .substring(0, 64));
    }
}
