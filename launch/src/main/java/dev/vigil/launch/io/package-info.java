/**
 * The agent's plug-in points for audio devices: a {@link dev.vigil.launch.io.MicrophoneSource} gives
 * captured audio, a {@link dev.vigil.launch.io.SpeakerSink} plays the loudspeaker queue and says what
 * really left the device (the echo canceller's reference). Implementations are found with
 * {@link java.util.ServiceLoader} through their {@link dev.vigil.launch.io.AudioDeviceProvider} by a
 * short kind name ({@code gst}, ...), so a live run, a replay and a ROS node differ only in which ones
 * they plug in.
 */
package dev.vigil.launch.io;
