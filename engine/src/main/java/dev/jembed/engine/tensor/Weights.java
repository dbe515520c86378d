package dev.jembed.engine.tensor;

import java.nio.file.Path;
import java.util.Set;

/**
 * The parameters of one model, by Hugging Face name: a single safetensors file, a sharded
 * checkpoint, or an in-memory map (tests). Closing it releases mapped memory; tensors obtained
 * before must not be used afterwards.
 */
public interface Weights extends AutoCloseable {

    /** Names of all floating-point tensors (F32, F16, BF16); integer buffers such as position_ids are left out. */
    Set<String> names();

    /** True if a floating-point tensor of that name exists. */
    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * The tensor as float32: a zero-copy view for F32, converted once for F16/BF16.
     *
     * @throws MissingTensorException if there is no such tensor (the message names it and the file)
     */
    FloatTensor tensor(String name);

    /** Where the weights came from, for error messages (a file or folder). */
    Path source();

    @Override
    void close();
}
