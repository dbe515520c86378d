package dev.jembed.tools.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of an ONNX {@code GraphProto} the importer needs: nodes in order, initializers by name, graph inputs and outputs. */
public record OnnxGraph(
        String name,
        List<OnnxNode> nodes,
        Map<String, OnnxTensor> initializers,
        List<String> inputs,
        List<String> outputs) {

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
