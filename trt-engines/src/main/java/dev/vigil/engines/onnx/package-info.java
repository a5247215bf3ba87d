/**
 * The ONNX Runtime CPU backend: loads {@code onnx} models into an ORT session and runs them on
 * caller-owned direct buffers without copying.
 */
package dev.vigil.engines.onnx;
