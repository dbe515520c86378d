package dev.jembed.pooling.hub;

import java.nio.file.Path;

/**
 * Where a model id was found.
 *
 * @param folder the model folder to load (a snapshot folder for cached and downloaded models)
 * @param source how it was found
 * @param id     the parsed id, or null for a local folder
 * @param commit the hub commit of a cached or downloaded snapshot (the declared revision of an
 *               embedded model), or null
 */
public record ResolvedModel(Path folder, Source source, ModelId id, String commit) {

    /** The resolution steps, in the order they are tried. */
    public enum Source {
        /** A folder given by path. */
        LOCAL,
        /** A model embedded in a jar on the class path ({@code jembed-models/<org>/<name>/}). */
        CLASSPATH,
        /** A snapshot already in the Hugging Face cache. */
        CACHE,
        /** Downloaded from the hub into the Hugging Face cache just now. */
        DOWNLOAD
    }

    /** A short description for {@code jembed info}, e.g. {@code org/name@abc123 (Hugging Face cache)}. */
    public String describe() {
        String where = switch (source) {
            case LOCAL -> "local folder";
            case CLASSPATH -> "embedded in jembed";
            case CACHE -> "Hugging Face cache";
            case DOWNLOAD -> "downloaded from the hub";
        };
        return (id == null ? folder.toString() : id.repoId() + (commit == null ? "" : "@" + commit)) + " (" + where
                + ")";
    }
}
