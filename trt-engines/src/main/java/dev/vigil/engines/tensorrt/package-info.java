/**
 * TensorRT through JNI (JavaCPP's {@code org.bytedeco:tensorrt}): the backend's probe
 * ({@link dev.vigil.engines.tensorrt.TensorRtHost}) and the plan cache
 * ({@link dev.vigil.engines.tensorrt.PlanCache}). Building and running plans needs a GPU and is not
 * written yet.
 */
package dev.vigil.engines.tensorrt;
