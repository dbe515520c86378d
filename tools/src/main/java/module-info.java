/**
 * Build-time tools of jembed, kept out of the runtime jars: the ONNX importer
 * ({@link dev.jembed.tools.onnx.OnnxToSafetensors}, which the build runs to make the embedded
 * all-MiniLM-L6-v2's model.safetensors) and {@link dev.jembed.tools.safetensors.SafetensorsWriter}.
 * JDK only.
 */
module dev.jembed.tools {
    exports dev.jembed.tools.onnx;
    exports dev.jembed.tools.safetensors;
}
