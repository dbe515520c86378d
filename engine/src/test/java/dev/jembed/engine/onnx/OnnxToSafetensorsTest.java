package dev.jembed.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.safetensors.DType;
import dev.jembed.engine.safetensors.SafetensorsFile;
import dev.jembed.engine.safetensors.TensorInfo;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.engine.testing.MiniLm;
import dev.jembed.tools.onnx.OnnxDataType;
import dev.jembed.tools.onnx.OnnxFile;
import dev.jembed.tools.onnx.OnnxNode;
import dev.jembed.tools.onnx.OnnxTensor;
import dev.jembed.tools.onnx.OnnxToSafetensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer rebuilds the official all-MiniLM-L6-v2 model.safetensors byte for byte from the LangChain4j ONNX. */
class OnnxToSafetensorsTest {

    @TempDir
    Path tmp;

    @Test
    void rebuildsTheOfficialFileByteForByte() throws Exception {
        String expected =
                Fixtures.text("minilm/official_model.safetensors.sha256").split("\\s+")[0];
        Path out = tmp.resolve("model.safetensors");
        List<String> names = OnnxToSafetensors.convert(MiniLm.onnxFile(), out);

        assertEquals(MiniLm.SAFETENSORS_BYTES, Files.size(out));
        assertEquals(expected, sha256(out));
        // 6 layers x 16 + 5 embeddings + 2 pooler + position_ids
        assertEquals(6 * 16 + 5 + 2 + 1, names.size());
        // the shared test helper serves the same bytes
        assertEquals(expected, sha256(MiniLm.safetensorsDir().resolve("model.safetensors")));
    }

    @Test
    void convertedWeightsHaveHuggingFaceNamesAndLayouts() {
        try (SafetensorsFile f = SafetensorsFile.open(MiniLm.safetensorsDir().resolve("model.safetensors"));
                OnnxFile onnx = OnnxFile.open(MiniLm.onnxFile())) {
            assertEquals("pt", f.metadata().get("format"));
            FloatTensor q = f.tensor("encoder.layer.0.attention.self.query.weight");
            assertArrayEquals(new long[] {384, 384}, q.shape());
            FloatTensor up = f.tensor("encoder.layer.5.intermediate.dense.weight");
            assertArrayEquals(new long[] {1536, 384}, up.shape());
            assertArrayEquals(
                    new long[] {384, 1536},
                    f.tensor("encoder.layer.5.output.dense.weight").shape());
            assertArrayEquals(
                    new long[] {30522, 384},
                    f.tensor("embeddings.word_embeddings.weight").shape());
            assertTrue(f.contains("pooler.dense.weight"));

            TensorInfo positions = f.info("embeddings.position_ids").orElseThrow();
            assertEquals(DType.I64, positions.dtype());
            assertArrayEquals(new long[] {1, 512}, positions.shape());
            assertTrue(!f.names().contains("embeddings.position_ids"), "integer buffers are not weights");

            // the bias Add that named the weight really follows a MatMul on the transposed matrix
            OnnxNode add = onnx.graph().nodes().stream()
                    .filter(n -> n.opType().equals("Add")
                            && n.inputs().contains("encoder.layer.0.attention.self.query.bias"))
                    .findFirst()
                    .orElseThrow();
            OnnxNode matMul = onnx.graph().nodes().stream()
                    .filter(n -> n.opType().equals("MatMul")
                            && add.inputs().contains(n.outputs().getFirst()))
                    .findFirst()
                    .orElseThrow();
            OnnxTensor w = onnx.graph().initializers().get(matMul.inputs().get(1));
            assertEquals(OnnxDataType.FLOAT, w.type());
            long in = w.dims()[0];
            long out = w.dims()[1];
            float[] onnxW = w.data().toArray(FloatTensor.F32_LE);
            float[] hf = f.tensor("encoder.layer.0.attention.self.query.weight").toArray();
            assertEquals(in * out, hf.length);
            assertEquals(onnxW[(int) (3 * out + 5)], hf[(int) (5 * in + 3)]);
        }
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
