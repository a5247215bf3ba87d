/**
 * Camera images from ROS 2 topics: {@code sensor_msgs/Image} (raw pixels in the common 8-bit encodings)
 * and {@code sensor_msgs/CompressedImage} (JPEG, PNG) turned into the agent's packed-RGB
 * {@link dev.vigil.agent.message.CameraFrame}s, off the DDS thread, newest first
 * ({@link dev.vigil.ros.camera.RosCameraIn}).
 */
package dev.vigil.ros.camera;
