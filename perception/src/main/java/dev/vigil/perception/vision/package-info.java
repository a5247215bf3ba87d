/**
 * Vision: the frame sampler and the engines behind {@link dev.vigil.perception.vision.VisionEngine},
 * which turn camera frames into {@link dev.vigil.agent.message.Observation}s.
 */
package dev.vigil.perception.vision;
