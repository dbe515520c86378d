package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** quantize_embeddings semantics on hand-checked values. */
class QuantizationTest {

    @Test
    void ubinaryPacksMostSignificantBitFirstAndBinaryOffsetsBy128() {
        float[] v = {1, -1, 0, 2, 0.5f, -0f, 3, 4, /* second byte */ -1, -1, -1, -1, -1, -1, -1, 1e-30f};
        // bits 1 0 0 1 1 0 1 1 = 0x9B = 155 ; 0 0 0 0 0 0 0 1 = 1  (0 and -0 are not > 0)
        EncodeResult u = Quantization.quantize(new float[][] {v}, Precision.UBINARY, null);
        assertArrayEquals(new int[] {155, 1}, u.intRow(0));
        EncodeResult b = Quantization.quantize(new float[][] {v}, Precision.BINARY, null);
        assertArrayEquals(new int[] {155 - 128, 1 - 128}, b.intRow(0));
        assertEquals(16, b.dimension());
        assertEquals(2, b.rowLength());
    }

    @Test
    void partialLastByteIsPaddedWithZeroBitsPerVector() {
        // np.packbits([1,1,1]) == [0b11100000]: one vector of dimension 3.
        EncodeResult u = Quantization.quantize(new float[][] {{1, 1, 1}, {-1, 1, -1}}, Precision.UBINARY, null);
        assertArrayEquals(new int[] {0b11100000}, u.intRow(0));
        assertArrayEquals(new int[] {0b01000000}, u.intRow(1));
    }

    @Test
    void int8AndUint8UseMinMaxBucketsOfTheEmbeddingsThemselves() {
        float[][] e = {{0f, -1f}, {1f, 1f}, {0.5f, 0f}};
        // dim 0: start 0, step 1/255 ; dim 1: start -1, step 2/255 (all float32)
        EncodeResult u = Quantization.quantize(e, Precision.UINT8, null);
        float step0 = 1f / 255, step1 = 2f / 255;
        assertArrayEquals(new int[] {0, 0}, u.intRow(0));
        assertArrayEquals(new int[] {(int) (1f / step0), (int) (2f / step1)}, u.intRow(1));
        assertArrayEquals(new int[] {(int) (0.5f / step0), (int) (1f / step1)}, u.intRow(2));
        EncodeResult s = Quantization.quantize(e, Precision.INT8, null);
        assertArrayEquals(new int[] {-128, -128}, s.intRow(0));
        assertArrayEquals(new int[] {(int) (0.5f / step0 - 128f), (int) (1f / step1 - 128f)}, s.intRow(2));
    }

    @Test
    void valuesOutsideTheCalibrationRangeWrapAroundLikeNumpy() {
        QuantizationRanges r = new QuantizationRanges(new float[] {0f}, new float[] {1f});
        float step = 1f / 255;
        // float32: (2 - 0) / step = 509.99997 -> 509 -> low byte 253 ; -0.5 / step = -127.49999 -> -127 -> 0x81 = 129
        EncodeResult u = Quantization.quantize(new float[][] {{2f}, {-0.5f}}, Precision.UINT8, r);
        assertEquals((int) (2f / step) & 0xFF, u.intRow(0)[0]);
        assertEquals(253, u.intRow(0)[0]);
        assertEquals(129, u.intRow(1)[0]);
        EncodeResult s = Quantization.quantize(new float[][] {{2f}}, Precision.INT8, r);
        assertEquals((byte) ((int) (2f / step - 128f)), s.intRow(0)[0]);
    }

    @Test
    void degenerateRangeGivesZeroAsX86Does() {
        // One embedding: min == max, step 0, 0/0 = NaN -> INT_MIN -> low byte 0 (numpy on x86-64).
        EncodeResult u = Quantization.quantize(new float[][] {{0.3f, -2f}}, Precision.UINT8, null);
        assertArrayEquals(new int[] {0, 0}, u.intRow(0));
        EncodeResult s = Quantization.quantize(new float[][] {{0.3f, -2f}}, Precision.INT8, null);
        assertArrayEquals(new int[] {0, 0}, s.intRow(0));
        assertEquals(Integer.MIN_VALUE, Quantization.cTruncate(Float.POSITIVE_INFINITY));
        assertEquals(Integer.MIN_VALUE, Quantization.cTruncate(3e9f));
        assertEquals(-7, Quantization.cTruncate(-7.9f));
    }

    @Test
    void calibrationRangesAreMinAndMaxPerDimension() {
        QuantizationRanges r = QuantizationRanges.of(new float[][] {{1, -2, 3}, {-1, 5, 3}});
        assertArrayEquals(new float[] {-1, -2, 3}, r.min());
        assertArrayEquals(new float[] {1, 5, 3}, r.max());
        assertThrows(IllegalArgumentException.class, () -> QuantizationRanges.of(new float[0][]));
        assertThrows(
                IllegalArgumentException.class,
                () -> Quantization.quantize(
                        new float[][] {{1, 2}}, Precision.INT8, new QuantizationRanges(new float[] {0}, new float[] {1
                        })));
    }

    @Test
    void precisionNamesAreSentenceTransformersNames() {
        for (Precision p : Precision.values()) assertEquals(p, Precision.fromName(p.pythonName()));
        assertThrows(IllegalArgumentException.class, () -> Precision.fromName("int4"));
        EncodeResult f = Quantization.quantize(new float[][] {{1, 2}}, Precision.FLOAT32, null);
        assertThrows(IllegalStateException.class, f::bytes);
        EncodeResult q = Quantization.quantize(new float[][] {{1, 2}}, Precision.UBINARY, null);
        assertThrows(IllegalStateException.class, q::floats);
    }
}
