/**
 * The agent's devices as ROS 2 topics: the microphone from audio_common's topics
 * ({@link dev.vigil.launch.ros.RosMicrophone}) and the loudspeaker as such topics for a player node
 * ({@link dev.vigil.launch.ros.RosSpeaker}), so a robot whose audio other nodes capture and play needs
 * no sound card in the agent.
 */
package dev.vigil.launch.ros;
