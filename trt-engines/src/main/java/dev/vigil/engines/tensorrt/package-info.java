/**
 * TensorRT through JNI (JavaCPP's {@code org.bytedeco:tensorrt}): the backend's probe
 * ({@link dev.vigil.engines.tensorrt.TensorRtHost}), what to build for a model
 * ({@link dev.vigil.engines.tensorrt.PlanRecipe}), the plan cache
 * ({@link dev.vigil.engines.tensorrt.PlanCache}), building plans from ONNX models and running them
 * ({@link dev.vigil.engines.tensorrt.TensorRtEngine}). Building and running need the natives
 * ({@code -Ptensorrt}) and a GPU; they have not been run on one yet.
 */
package dev.vigil.engines.tensorrt;
