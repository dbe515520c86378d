package dev.jembed.tools.onnx;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A cursor over protobuf wire-format bytes: just enough of the encoding (varints, fixed 32/64-bit,
 * length-delimited fields) to walk ONNX messages without a protobuf dependency. Every read is
 * bounds-checked against the current message, so a truncated or hostile file fails with an
 * {@link OnnxException} naming the byte offset, never with an out-of-bounds error.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment bytes;
    /** Offset of {@code bytes} in the file, for error messages. */
    private final long base;

    private long pos;
    private int wireType = -1;

    ProtoReader(Path file, MemorySegment bytes, long base) {
        this.file = file;
        this.bytes = bytes;
        this.base = base;
    }

    boolean hasMore() {
        return pos < bytes.byteSize();
    }

    /** Reads the next tag and returns its field number; {@link #wireType()} tells how to read the value. */
    int nextField() {
        long tag = readVarint();
        int wt = (int) (tag & 7);
        long field = tag >>> 3;
        if (field < 1 || field > 0x1FFF_FFFF) throw error("invalid field number " + field);
        if (wt != VARINT && wt != FIXED64 && wt != LENGTH_DELIMITED && wt != FIXED32) {
            throw error("unsupported wire type " + wt + " for field " + field);
        }
        wireType = wt;
        return (int) field;
    }

    int wireType() {
        return wireType;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= bytes.byteSize()) throw error("truncated varint");
            byte b = bytes.get(ValueLayout.JAVA_BYTE, pos++);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) return result;
        }
        throw error("varint longer than 10 bytes");
    }

    int readFixed32() {
        need(4);
        int v = bytes.get(I32_LE, pos);
        pos += 4;
        return v;
    }

    long readFixed64() {
        need(8);
        long v = bytes.get(I64_LE, pos);
        pos += 8;
        return v;
    }

    /** The bytes of a length-delimited field, zero-copy. */
    MemorySegment readBytes() {
        long length = readVarint();
        if (length < 0) throw error("negative length");
        need(length);
        MemorySegment s = bytes.asSlice(pos, length);
        pos += length;
        return s;
    }

    /** A length-delimited field read as an embedded message. */
    ProtoReader readMessage() {
        MemorySegment s = readBytes();
        return new ProtoReader(file, s, base + pos - s.byteSize());
    }

    String readString() {
        MemorySegment s = readBytes();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(s.asByteBuffer())
                    .toString();
        } catch (CharacterCodingException e) {
            throw error("string is not valid UTF-8");
        }
    }

    /** Skips the value of the field just read by {@link #nextField()}. */
    void skip() {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> readFixed64();
            case FIXED32 -> readFixed32();
            case LENGTH_DELIMITED -> readBytes();
            default -> throw new IllegalStateException("no field read");
        }
    }

    /** Fails unless the field just read has wire type {@code expected}; returns this reader, to read the field. */
    ProtoReader expectWireType(int expected, String what) {
        if (wireType != expected) throw error(what + ": wire type " + wireType + ", expected " + expected);
        return this;
    }

    private void need(long n) {
        if (n > bytes.byteSize() - pos) {
            throw error("truncated: " + n + " bytes needed, " + (bytes.byteSize() - pos) + " left in the message");
        }
    }

    OnnxException error(String reason) {
        return new OnnxException(file, "malformed protobuf at byte " + (base + pos) + ": " + reason);
    }
}
