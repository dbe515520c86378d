package dev.jembed.tools.onnx;

import static dev.jembed.tools.onnx.ProtoReader.LENGTH_DELIMITED;
import static dev.jembed.tools.onnx.ProtoReader.VARINT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A memory-mapped ONNX model read with {@link ProtoReader}: {@code ModelProto.graph} (field 7) with its
 * nodes (op type, inputs, outputs), initializers (dims, data type, raw or typed data) and graph
 * input/output names. Initializer data stays in the mapping until {@link #close()}.
 */
public final class OnnxFile implements AutoCloseable {

    /** More dimensions than any real tensor has. */
    private static final int MAX_RANK = 64;

    private final Path file;
    private final Arena arena;
    private final long irVersion;
    private final String producer;
    private final OnnxGraph graph;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxFile(Path file, Arena arena, long irVersion, String producer, OnnxGraph graph) {
        this.file = file;
        this.arena = arena;
        this.irVersion = irVersion;
        this.producer = producer;
        this.graph = graph;
    }

    /**
     * Maps and parses {@code file}.
     *
     * @throws OnnxException if the file is missing or unreadable, or not a well-formed ONNX model
     */
    public static OnnxFile open(Path file) {
        if (!Files.isRegularFile(file))
            throw new OnnxException(file, Files.exists(file) ? "not a regular file" : "no such file");
        Arena arena = Arena.ofShared(); // owned by the result: initializer data stays mapped until close()
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return of(file, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena), arena);
        } catch (IOException e) {
            arena.close();
            throw new OnnxException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Parses the ONNX bytes {@code all} (named {@code file} in errors), owned by {@code arena}.
     * Public so tests and fuzzers can parse without touching the disk.
     */
    public static OnnxFile of(Path file, MemorySegment all, Arena arena) {
        ProtoReader model = new ProtoReader(file, all, 0);
        long irVersion = -1;
        String producer = "";
        OnnxGraph graph = null;
        while (model.hasMore()) {
            switch (model.nextField()) {
                case 1 -> irVersion = model.expectWireType(VARINT, "ir_version").readVarint();
                case 2 ->
                    producer = model.expectWireType(LENGTH_DELIMITED, "producer_name")
                            .readString();
                case 7 -> {
                    model.expectWireType(LENGTH_DELIMITED, "graph");
                    if (graph != null) throw new OnnxException(file, "more than one graph");
                    graph = readGraph(file, model.readMessage());
                }
                default -> model.skip();
            }
        }
        if (graph == null || irVersion < 1) {
            throw new OnnxException(file, "not an ONNX model (no " + (graph == null ? "graph" : "ir_version") + ")");
        }
        return new OnnxFile(file, arena, irVersion, producer, graph);
    }

    private static OnnxGraph readGraph(Path file, ProtoReader g) {
        String name = "";
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (g.hasMore()) {
            int field = g.nextField();
            switch (field) {
                case 1 ->
                    nodes.add(
                            readNode(g.expectWireType(LENGTH_DELIMITED, "node").readMessage()));
                case 2 ->
                    name = g.expectWireType(LENGTH_DELIMITED, "graph name").readString();
                case 5 -> {
                    OnnxTensor t = readTensor(
                            file,
                            g.expectWireType(LENGTH_DELIMITED, "initializer").readMessage());
                    if (initializers.put(t.name(), t) != null) {
                        throw new OnnxException(file, "duplicate initializer '" + t.name() + "'");
                    }
                }
                case 11, 12 ->
                    (field == 11 ? inputs : outputs)
                            .add(readValueInfoName(g.expectWireType(LENGTH_DELIMITED, "graph input/output")
                                    .readMessage()));
                case 15 -> throw new OnnxException(file, "sparse initializers are not supported");
                default -> g.skip();
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static String readValueInfoName(ProtoReader v) {
        String name = "";
        while (v.hasMore()) {
            if (v.nextField() == 1) {
                name = v.expectWireType(LENGTH_DELIMITED, "value name").readString();
            } else {
                v.skip();
            }
        }
        return name;
    }

    private static OnnxNode readNode(ProtoReader n) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        while (n.hasMore()) {
            int field = n.nextField();
            if (field >= 1 && field <= 4) {
                String s = n.expectWireType(LENGTH_DELIMITED, "node field " + field)
                        .readString();
                switch (field) {
                    case 1 -> inputs.add(s);
                    case 2 -> outputs.add(s);
                    case 3 -> name = s;
                    default -> opType = s;
                }
            } else {
                n.skip();
            }
        }
        return new OnnxNode(name, opType, inputs, outputs);
    }

    private static OnnxTensor readTensor(Path file, ProtoReader t) {
        String name = "";
        int code = 0;
        LongList dims = new LongList();
        MemorySegment raw = null;
        LongList floats = new LongList();
        LongList doubles = new LongList();
        LongList int32s = new LongList();
        LongList int64s = new LongList();
        LongList uint64s = new LongList();
        boolean external = false;
        while (t.hasMore()) {
            switch (t.nextField()) {
                case 1 -> {
                    readVarints(t, dims);
                    if (dims.size() > MAX_RANK)
                        throw new OnnxException(file, "tensor with more than " + MAX_RANK + " dims");
                }
                case 2 -> code = (int) t.expectWireType(VARINT, "data_type").readVarint();
                case 3 -> throw new OnnxException(file, "segmented tensors are not supported");
                case 4 -> readFixed(t, floats, 4);
                case 5 -> readVarints(t, int32s);
                case 7 -> readVarints(t, int64s);
                case 8 ->
                    name = t.expectWireType(LENGTH_DELIMITED, "tensor name").readString();
                case 9 -> raw = t.expectWireType(LENGTH_DELIMITED, "raw_data").readBytes();
                case 10 -> readFixed(t, doubles, 8);
                case 11 -> readVarints(t, uint64s);
                case 14 -> external = t.expectWireType(VARINT, "data_location").readVarint() == 1;
                default -> t.skip();
            }
        }
        String what = "initializer '" + name + "'";
        if (external) throw new OnnxException(file, what + " uses external data, which is not supported");
        final int dataType = code;
        OnnxDataType type = OnnxDataType.of(code)
                .orElseThrow(() -> new OnnxException(file, what + ": unsupported data_type " + dataType));
        long[] shape = dims.toArray();
        long bytes;
        try {
            long elements = 1;
            for (long d : shape) {
                if (d < 0) throw new OnnxException(file, what + ": negative dimension in " + Arrays.toString(shape));
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, type.byteSize());
        } catch (ArithmeticException e) {
            throw new OnnxException(file, what + ": dims " + Arrays.toString(shape) + " overflow");
        }
        MemorySegment data;
        if (raw != null) {
            data = raw;
        } else {
            LongList typed = switch (type) {
                case FLOAT -> floats;
                case DOUBLE -> doubles;
                case INT64 -> int64s;
                case UINT32, UINT64 -> uint64s;
                default -> int32s;
            };
            data = typed.toLittleEndian(type.byteSize());
        }
        if (data.byteSize() != bytes) {
            throw new OnnxException(
                    file,
                    what + ": dims " + Arrays.toString(shape) + " x " + type + " need " + bytes
                            + " bytes, the tensor holds " + data.byteSize());
        }
        return new OnnxTensor(name, type, shape, data);
    }

    /** A repeated varint field, packed or not. */
    private static void readVarints(ProtoReader r, LongList out) {
        if (r.wireType() == VARINT) {
            out.add(r.readVarint());
            return;
        }
        ProtoReader packed =
                r.expectWireType(LENGTH_DELIMITED, "repeated integer field").readMessage();
        while (packed.hasMore()) out.add(packed.readVarint());
    }

    /** A repeated float (4 bytes) or double (8 bytes) field, packed or not, kept as raw bits. */
    private static void readFixed(ProtoReader r, LongList out, int size) {
        int single = size == 4 ? ProtoReader.FIXED32 : ProtoReader.FIXED64;
        if (r.wireType() == single) {
            out.add(size == 4 ? r.readFixed32() & 0xFFFF_FFFFL : r.readFixed64());
            return;
        }
        ProtoReader packed = r.expectWireType(LENGTH_DELIMITED, "repeated floating-point field")
                .readMessage();
        while (packed.hasMore()) out.add(size == 4 ? packed.readFixed32() & 0xFFFF_FFFFL : packed.readFixed64());
    }

    /** ir_version of the model. */
    public long irVersion() {
        return irVersion;
    }

    /** producer_name (e.g. "pytorch"), empty if absent. */
    public String producer() {
        return producer;
    }

    /** The main graph. */
    public OnnxGraph graph() {
        return graph;
    }

    /** The file this model was read from. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) arena.close();
    }

    /** A growable long array: protobuf repeated fields arrive one value at a time. */
    private static final class LongList {
        private long[] values = new long[4];
        private int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        /** The low {@code width} bytes of each value, little-endian (narrows int32_data to int8, float16, ...). */
        MemorySegment toLittleEndian(int width) {
            byte[] out = new byte[Math.multiplyExact(size, width)];
            for (int i = 0; i < size; i++) {
                long v = values[i];
                for (int b = 0; b < width; b++) out[i * width + b] = (byte) (v >>> (8 * b));
            }
            return MemorySegment.ofArray(out).asReadOnly();
        }
    }

    @Override
    public String toString() {
        return "OnnxFile[" + file + ", " + graph.nodes().size() + " nodes, "
                + graph.initializers().size() + " initializers]";
    }
}
