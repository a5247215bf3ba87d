/**
 * The engine SPI: a model with named tensors in and out, on whichever backend the machine has
 * (ONNX Runtime on a CPU today; TensorRT and CUDA execution providers on a Jetson). Callers hand in
 * direct buffers so a per-frame loop makes no copies, and run engines on worker pools, never on an
 * event loop.
 */
package dev.vigil.engines;
