package dev.jembed.engine.tensor;

import java.nio.file.Path;
import java.util.List;

/** A model needs tensors that its weights file does not have; the message names every missing one and the file. */
public final class MissingTensorException extends RuntimeException {
    private final List<String> missing;

    public MissingTensorException(Path source, List<String> missing) {
        super(source + ": missing tensor" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    /**
     * {@code found}, the entry a weight set keeps for tensor {@code name}, or this exception naming
     * {@code name} and {@code source} if there is none.
     */
    public static <T> T require(T found, Path source, String name) {
        if (found == null) throw new MissingTensorException(source, List.of(name));
        return found;
    }

    /** The names that were asked for and not found. */
    public List<String> missing() {
        return missing;
    }
}
