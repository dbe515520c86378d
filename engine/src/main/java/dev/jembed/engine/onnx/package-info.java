/**
 * ONNX import: a minimal protobuf wire-format reader for ONNX models ({@link dev.jembed.engine.onnx.OnnxFile})
 * and {@link dev.jembed.engine.onnx.OnnxToSafetensors}, which rebuilds Hugging Face safetensors weights from a
 * BERT-family ONNX export.
 */
package dev.jembed.engine.onnx;
