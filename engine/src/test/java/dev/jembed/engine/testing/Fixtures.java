package dev.jembed.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test resources of the engine module (see the SOURCES.md next to each fixture for where it came from). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The file behind classpath resource {@code name} (test resources are plain files under target/test-classes). */
    public static Path path(String name) {
        URL url = url(name);
        if (!"file".equals(url.getProtocol())) {
            throw new IllegalStateException("resource " + name + " is not a plain file: " + url);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("resource " + name + ": " + url, e);
        }
    }

    /** The bytes of classpath resource {@code name}. */
    public static byte[] bytes(String name) {
        try (InputStream in = url(name).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("resource " + name, e);
        }
    }

    /** The UTF-8 text of classpath resource {@code name}. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * The folder of a tiny random model ({@code bert}, {@code distilbert} or {@code roberta}) with its
     * config.json, model.safetensors and the transformers reference.json.
     */
    public static Path tinyModel(String arch) {
        return path("tiny/" + arch + "/config.json").getParent();
    }

    static URL url(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) throw new IllegalStateException("no test resource " + name + " on the classpath");
        return url;
    }
}
