package dev.jembed.engine.safetensors;

import dev.jembed.engine.ModelFileException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maps a model file read-only into memory and hands it to a parser, so that weights are read in
 * place and never copied. The shared arena belongs to the parsed result; it is closed here only
 * if mapping or parsing fails.
 */
final class MappedFile {

    /** Parses the mapped bytes of a file; the result owns {@code arena}. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(MemorySegment bytes, Arena arena);
    }

    private MappedFile() {}

    /**
     * Maps {@code file} and returns what {@code parser} makes of it.
     *
     * @throws ModelFileException if the file is missing, not a regular file or unreadable
     */
    static <T> T open(Path file, Parser<T> parser) {
        if (!Files.exists(file)) throw new ModelFileException(file, "no such file");
        if (!Files.isRegularFile(file)) throw new ModelFileException(file, "not a regular file");
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parser.parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena), arena);
        } catch (IOException e) {
            arena.close();
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }
}
