package dev.vigil.launch.gst;

import dev.vigil.launch.io.AudioDeviceProvider;
import dev.vigil.launch.io.DeviceException;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;

/**
 * Microphones and loudspeakers of kind {@code gst}: any GStreamer source or sink a gst-launch
 * description can name ({@code pulsesrc device=…}, {@code alsasrc device=hw:1}, {@code pulsesink},
 * {@code alsasink}, …). See {@code docs/devices.md} for choosing descriptions.
 */
public final class GstAudioDevices implements AudioDeviceProvider {

    public static final String KIND = "gst";

    @Override
    public String kind() {
        return KIND;
    }

    /** @see GstMicrophone#GstMicrophone(String, int) */
    @Override
    public MicrophoneSource microphone(String description, int channel) throws DeviceException {
        return new GstMicrophone(description, channel);
    }

    /** @see GstSpeaker#GstSpeaker(String) */
    @Override
    public SpeakerSink speaker(String description) throws DeviceException {
        return new GstSpeaker(description);
    }
}
