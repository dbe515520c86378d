package dev.jembed.tools.onnx;

import java.util.List;

/** A graph node: operator type and the names of the values it reads and writes (attributes are not kept). */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {

    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
