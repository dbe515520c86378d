package dev.jembed.engine.safetensors;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One memory-mapped safetensors file. F32 tensors are zero-copy slices of the mapping; F16 and BF16
 * tensors are converted to float32 once, on first use, into memory owned by this file. Integer
 * buffers (e.g. {@code embeddings.position_ids}) are validated but left out of {@link #names()};
 * {@link #info} and {@link #rawData} still reach them.
 *
 * <p>Thread-safe after {@link #open}. {@link #close()} unmaps the file and frees converted tensors.
 */
public final class SafetensorsFile implements Weights {

    private static final ValueLayout.OfLong U64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final SafetensorsHeader header;
    private final Map<String, TensorInfo> byName;
    private final Set<String> weightNames;
    private final Map<String, FloatTensor> cache = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SafetensorsFile(Path file, Arena arena, MemorySegment data, SafetensorsHeader header) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.header = header;
        Map<String, TensorInfo> map = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        for (TensorInfo t : header.tensors()) {
            map.put(t.name(), t);
            if (t.dtype().isWeight()) names.add(t.name());
        }
        this.byName = Collections.unmodifiableMap(map);
        this.weightNames = Collections.unmodifiableSet(names);
    }

    /**
     * Maps and validates {@code file}.
     *
     * @throws ModelFileException   if the file does not exist or cannot be read
     * @throws SafetensorsException if it is not a well-formed safetensors file
     */
    public static SafetensorsFile open(Path file) {
        return MappedFile.open(file, (bytes, arena) -> of(file, bytes, arena));
    }

    /**
     * Validates the safetensors bytes {@code all} (named {@code file} in errors); {@code arena} owns
     * them and receives converted tensors. Package-private so fuzz tests can skip the disk.
     */
    static SafetensorsFile of(Path file, MemorySegment all, Arena arena) {
        long size = all.byteSize();
        if (size < Long.BYTES) {
            throw new SafetensorsException(file, "file has " + size + " bytes, shorter than the 8-byte header length");
        }
        long n = all.get(U64_LE, 0);
        // n is unsigned: a negative long is a length above 2^63
        if (n < 0 || n > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw new SafetensorsException(
                    file,
                    "header length " + Long.toUnsignedString(n) + " above the cap of "
                            + SafetensorsHeader.MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - Long.BYTES) {
            throw new SafetensorsException(
                    file, "header length " + n + " runs past the end of the file (" + size + " bytes)");
        }
        byte[] json = all.asSlice(Long.BYTES, n).toArray(ValueLayout.JAVA_BYTE);
        long dataStart = Long.BYTES + n;
        SafetensorsHeader header = SafetensorsHeader.parse(file, json, size - dataStart);
        return new SafetensorsFile(file, arena, all.asSlice(dataStart), header);
    }

    @Override
    public Set<String> names() {
        return weightNames;
    }

    @Override
    public FloatTensor tensor(String name) {
        FloatTensor cached = cache.get(name);
        if (cached != null) return cached;
        TensorInfo info = MissingTensorException.require(byName.get(name), file, name);
        if (!info.dtype().isWeight()) {
            throw new SafetensorsException(
                    file, "tensor '" + name + "' has dtype " + info.dtype() + "; weights must be F32, F16 or BF16");
        }
        return cache.computeIfAbsent(name, k -> toFloat(info));
    }

    private FloatTensor toFloat(TensorInfo info) {
        MemorySegment raw = slice(info);
        if (info.dtype() == DType.F32) return new FloatTensor(info.name(), info.shape(), raw);
        long n = info.elementCount();
        MemorySegment out = arena.allocate(n * Float.BYTES, Float.BYTES);
        boolean half = info.dtype() == DType.F16;
        for (long i = 0; i < n; i++) {
            short bits = raw.getAtIndex(U16_LE, i);
            // bfloat16 is the top half of a float32
            float v = half ? Float.float16ToFloat(bits) : Float.intBitsToFloat((bits & 0xFFFF) << 16);
            out.setAtIndex(FloatTensor.F32_LE, i, v);
        }
        return new FloatTensor(info.name(), info.shape(), out.asReadOnly());
    }

    private MemorySegment slice(TensorInfo info) {
        return data.asSlice(info.begin(), info.byteLength());
    }

    /** Header entry of any tensor, whatever its dtype. */
    public Optional<TensorInfo> info(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every tensor of the file (weights and integer buffers), in header order. */
    public Map<String, TensorInfo> tensorInfos() {
        return byName;
    }

    /**
     * The raw little-endian bytes of any tensor, zero-copy (e.g. the I64 {@code position_ids}).
     *
     * @throws MissingTensorException if there is no such tensor
     */
    public MemorySegment rawData(String name) {
        TensorInfo info = MissingTensorException.require(byName.get(name), file, name);
        return slice(info);
    }

    /** The {@code __metadata__} strings (e.g. {@code format=pt}). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    public Path source() {
        return file;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) arena.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + byName.size() + " tensors]";
    }
}
