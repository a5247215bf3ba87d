/** The ONNX Runtime backend (CPU; the CUDA and TensorRT execution providers need a GPU build of ORT). */
package dev.vigil.engines.onnx;
