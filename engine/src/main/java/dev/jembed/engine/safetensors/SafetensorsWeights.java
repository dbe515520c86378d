package dev.jembed.engine.safetensors;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.tensor.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point for loading weights: a {@code .safetensors} file, a sharded index file, or a
 * model folder holding {@code model.safetensors} or {@code model.safetensors.index.json}.
 * PyTorch pickle checkpoints are refused: unpickling can run arbitrary code, so jembed never does it.
 */
public final class SafetensorsWeights {

    /** The single-file checkpoint name in a Hugging Face model folder. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The sharded checkpoint index name in a Hugging Face model folder. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final List<String> PICKLES = List.of("pytorch_model.bin", "pytorch_model.bin.index.json");

    private SafetensorsWeights() {}

    /**
     * Opens the weights at {@code fileOrFolder}.
     *
     * @throws ModelFileException if nothing loadable is there (the message says what was found and
     *                            what to do), or if the files are malformed
     */
    public static Weights open(Path fileOrFolder) {
        if (Files.isDirectory(fileOrFolder)) {
            Path single = fileOrFolder.resolve(SINGLE_FILE);
            if (Files.exists(single)) return SafetensorsFile.open(single);
            Path index = fileOrFolder.resolve(INDEX_FILE);
            if (Files.exists(index)) return ShardedWeights.open(index);
            for (String pickle : PICKLES) {
                Path p = fileOrFolder.resolve(pickle);
                if (Files.exists(p)) throw refusePickle(p);
            }
            throw new ModelFileException(fileOrFolder, "no " + SINGLE_FILE + " or " + INDEX_FILE + " in this folder");
        }
        if (!Files.exists(fileOrFolder)) throw new ModelFileException(fileOrFolder, "no such file or folder");
        String name = fileOrFolder.getFileName().toString();
        if (name.endsWith(".index.json")) {
            if (name.endsWith(".bin.index.json")) throw refusePickle(fileOrFolder);
            return ShardedWeights.open(fileOrFolder);
        }
        if (name.endsWith(".bin") || name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ckpt")) {
            throw refusePickle(fileOrFolder);
        }
        return SafetensorsFile.open(fileOrFolder);
    }

    private static ModelFileException refusePickle(Path file) {
        return new ModelFileException(
                file,
                "PyTorch pickle checkpoints are not loaded by design (unpickling can run"
                        + " arbitrary code); convert the model to safetensors first, e.g. in Python:"
                        + " AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True),"
                        + " or with the Hugging Face 'convert to safetensors' space");
    }
}
