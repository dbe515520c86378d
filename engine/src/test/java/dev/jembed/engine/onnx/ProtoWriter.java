package dev.jembed.engine.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Protobuf wire-format encoder for building small ONNX models in tests. */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter value) {
        return bytes(field, value.toByteArray());
    }

    ProtoWriter packedVarints(int field, long... values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) packed.raw(v);
        return bytes(field, packed.toByteArray());
    }

    ProtoWriter packedFloats(int field, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return bytes(field, b.array());
    }

    ProtoWriter fixed32(int field, int value) {
        tag(field, 5);
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    // ONNX messages

    static byte[] floatsLe(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    /** TensorProto with raw_data. */
    static ProtoWriter tensor(String name, int dataType, byte[] raw, long... dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        return t.varint(2, dataType).string(8, name).bytes(9, raw);
    }

    static ProtoWriter node(String opType, String[] inputs, String... outputs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) n.string(1, i);
        for (String o : outputs) n.string(2, o);
        return n.string(3, opType + "_" + outputs[0]).string(4, opType);
    }

    static ProtoWriter valueInfo(String name) {
        return new ProtoWriter().string(1, name);
    }

    /** ModelProto: ir_version, producer, opset, then the graph last (so every strict prefix lacks a whole graph). */
    static byte[] model(ProtoWriter graph) {
        ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, 14);
        return new ProtoWriter()
                .varint(1, 7)
                .string(2, "pytorch")
                .message(8, opset)
                .message(7, graph)
                .toByteArray();
    }
}
