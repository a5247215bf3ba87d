/**
 * Microphone audio from ROS 2 topics: ros-drivers/audio_common's {@code AudioDataStamped} chunks, in the
 * format its {@code AudioInfo} names, turned into mono 16-bit PCM ({@link dev.vigil.ros.audio.RosAudioIn}).
 */
package dev.vigil.ros.audio;
