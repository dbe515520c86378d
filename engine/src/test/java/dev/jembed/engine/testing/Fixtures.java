package dev.jembed.engine.testing;

import dev.jembed.fixtures.TestFixtures;
import java.net.URL;
import java.nio.file.Path;

/**
 * Test data of the engine: the shared fixtures of jembed-test-fixtures (names relative to its
 * {@code fixtures/}, sources in its SOURCES.md) and, by {@link #url}, resources of test dependencies.
 */
public final class Fixtures {

    private Fixtures() {}

    /** The fixture {@code name} as a file or folder. */
    public static Path path(String name) {
        return TestFixtures.path(name);
    }

    /** The bytes of the fixture {@code name}. */
    public static byte[] bytes(String name) {
        return TestFixtures.bytes(name);
    }

    /** The UTF-8 text of the fixture {@code name}. */
    public static String text(String name) {
        return TestFixtures.text(name);
    }

    /**
     * The folder of a tiny random model ({@code bert}, {@code distilbert} or {@code roberta}) with its
     * config.json, model.safetensors and the transformers reference.json.
     */
    public static Path tinyModel(String arch) {
        return path("tiny/" + arch);
    }

    /** A class-path resource of a test dependency (the LangChain4j model jars). */
    static URL url(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) throw new IllegalStateException("no test resource " + name + " on the classpath");
        return url;
    }
}
