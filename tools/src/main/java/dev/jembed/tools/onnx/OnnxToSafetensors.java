package dev.jembed.tools.onnx;

import dev.jembed.tools.safetensors.SafetensorsWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a Hugging Face {@code model.safetensors} from a BERT-family ONNX export (torch.onnx), so
 * real weights can come from an ONNX file on Maven Central.
 *
 * <p>The exporter keeps Hugging Face names for most initializers but stores each Linear weight as an
 * anonymous {@code onnx::MatMul_N} in [in, out] layout. Its name is recovered from the graph: the
 * MatMul's output feeds exactly one Add whose other operand is the layer's {@code ... .bias}; the
 * weight is {@code ... .weight}, transposed back to PyTorch's [out, in]. Other {@code onnx::}
 * initializers are constants of the traced graph and are dropped. The file is written like
 * transformers' {@code save_pretrained} writes it, so for all-MiniLM-L6-v2 the result is byte for byte
 * the official file.
 */
public final class OnnxToSafetensors {

    private static final String ANONYMOUS = "onnx::";
    private static final String BIAS = ".bias";
    private static final ValueLayout.OfFloat F32_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private OnnxToSafetensors() {}

    /**
     * Converts {@code onnx} to a safetensors file at {@code out} (replaced atomically if present).
     *
     * @return the names of the tensors written
     * @throws OnnxException               if the file cannot be read, is not ONNX or its graph is not a
     *                                     BERT-style export
     * @throws java.io.UncheckedIOException if the output cannot be written
     */
    public static List<String> convert(Path onnx, Path out) {
        try (OnnxFile model = OnnxFile.open(onnx);
                Arena arena = Arena.ofConfined()) {
            Map<String, SafetensorsWriter.Entry> tensors = hfTensors(model, arena);
            SafetensorsWriter.write(out, Map.of("format", "pt"), tensors.values());
            return List.copyOf(tensors.keySet());
        }
    }

    /** The tensors under their Hugging Face names; transposed weights are allocated in {@code arena}. */
    public static Map<String, SafetensorsWriter.Entry> hfTensors(OnnxFile model, Arena arena) {
        Path file = model.file();
        OnnxGraph graph = model.graph();
        Map<String, OnnxTensor> init = graph.initializers();
        Map<String, List<OnnxNode>> consumers = new HashMap<>();
        for (OnnxNode n : graph.nodes()) {
            for (String in : n.inputs())
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
        Map<String, SafetensorsWriter.Entry> out = new LinkedHashMap<>();
        for (OnnxTensor t : init.values()) {
            if (!t.name().startsWith(ANONYMOUS)) {
                out.put(t.name(), new SafetensorsWriter.Entry(t.name(), t.type().safetensors(), t.dims(), t.data()));
            }
        }
        int recovered = 0;
        for (OnnxNode n : graph.nodes()) {
            if (!n.opType().equals("MatMul")
                    || n.inputs().size() != 2
                    || n.outputs().isEmpty()) continue;
            OnnxTensor w = init.get(n.inputs().get(1));
            if (w == null || !w.name().startsWith(ANONYMOUS)) continue;
            String weightName = linearWeightName(file, n, consumers, init);
            if (out.containsKey(weightName)) {
                throw new OnnxException(
                        file,
                        "unexpected graph: MatMul '" + n.name() + "' maps to " + weightName + ", which already exists");
            }
            if (w.type() != OnnxDataType.FLOAT || w.rank() != 2) {
                throw new OnnxException(
                        file,
                        "unexpected graph: MatMul weight " + w.name() + " is " + w.type() + " of rank " + w.rank()
                                + ", expected a FLOAT matrix");
            }
            long[] transposed = {w.dims()[1], w.dims()[0]};
            out.put(weightName, new SafetensorsWriter.Entry(weightName, "F32", transposed, transpose(w, arena)));
            recovered++;
        }
        if (recovered == 0) {
            throw new OnnxException(
                    file,
                    "unexpected graph: no MatMul with an anonymous (" + ANONYMOUS
                            + "...) weight; not a torch.onnx export of a BERT-style model");
        }
        return out;
    }

    /** The HF weight name of a Linear exported as MatMul(x, W) followed by Add(·, bias). */
    private static String linearWeightName(
            Path file, OnnxNode matMul, Map<String, List<OnnxNode>> consumers, Map<String, OnnxTensor> init) {
        List<OnnxNode> adds = consumers.getOrDefault(matMul.outputs().getFirst(), List.of()).stream()
                .filter(c -> c.opType().equals("Add"))
                .toList();
        if (adds.size() != 1) {
            throw new OnnxException(
                    file,
                    "unexpected graph: MatMul '" + matMul.name() + "' feeds " + adds.size()
                            + " Add nodes, expected exactly one (its bias)");
        }
        List<String> biases = adds.getFirst().inputs().stream()
                .filter(i -> init.containsKey(i) && i.endsWith(BIAS))
                .toList();
        if (biases.size() != 1) {
            throw new OnnxException(
                    file,
                    "unexpected graph: the Add after MatMul '" + matMul.name() + "' has " + biases.size() + " '*" + BIAS
                            + "' initializers among " + adds.getFirst().inputs());
        }
        String bias = biases.getFirst();
        return bias.substring(0, bias.length() - BIAS.length()) + ".weight";
    }

    /** A row-major [in, out] float matrix as [out, in], little-endian. */
    private static MemorySegment transpose(OnnxTensor w, Arena arena) {
        int rows = Math.toIntExact(w.dims()[0]);
        int cols = Math.toIntExact(w.dims()[1]);
        MemorySegment src = w.data();
        MemorySegment dst = arena.allocate((long) rows * cols * Float.BYTES, Float.BYTES);
        // 32x32 tiles keep both the reads and the writes within a few cache lines
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int rEnd = Math.min(rows, r0 + tile);
                int cEnd = Math.min(cols, c0 + tile);
                for (int r = r0; r < rEnd; r++) {
                    for (int c = c0; c < cEnd; c++) {
                        float v = src.getAtIndex(F32_LE, (long) r * cols + c);
                        dst.setAtIndex(F32_LE, (long) c * rows + r, v);
                    }
                }
            }
        }
        return dst;
    }

    /**
     * Command line: {@code OnnxToSafetensors <model.onnx> <model.safetensors>}. Wrong arguments and
     * conversion errors propagate as exceptions (a non-zero exit, so a build step using it fails).
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: OnnxToSafetensors <model.onnx> <model.safetensors>, got " + args.length + " argument(s)");
        }
        convert(Path.of(args[0]), Path.of(args[1]));
    }
}
