/**
 * The agent's devices as ROS 2 topics: the microphone from audio_common's topics
 * ({@link dev.vigil.launch.ros.RosMicrophone}), so a robot whose audio another node captures needs no
 * sound card in the agent.
 */
package dev.vigil.launch.ros;
