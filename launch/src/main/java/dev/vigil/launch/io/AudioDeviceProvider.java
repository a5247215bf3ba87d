package dev.vigil.launch.io;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes microphones and loudspeakers of one kind from a description; registered in
 * {@code META-INF/services/dev.vigil.launch.io.AudioDeviceProvider}.
 */
public interface AudioDeviceProvider {

    /** The kind named in configuration, e.g. {@code gst}. */
    String kind();

    /**
     * @param description kind-specific, e.g. a gst-launch element description {@code pulsesrc device=mic}
     * @param channel     the channel to keep from a multichannel device (0-based), or -1 to mix down
     * @throws DeviceException the description is not valid for this kind (one line)
     */
    MicrophoneSource microphone(String description, int channel) throws DeviceException;

    /** @throws DeviceException the description is not valid for this kind (one line) */
    SpeakerSink speaker(String description) throws DeviceException;

    /** Every provider on the class path. */
    static List<AudioDeviceProvider> all() {
        return ServiceLoader.load(AudioDeviceProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The provider of {@code kind}. @throws DeviceException none is installed */
    static AudioDeviceProvider of(String kind) throws DeviceException {
        return all().stream().filter(p -> p.kind().equals(kind)).findFirst().orElseThrow(() -> new DeviceException(
                "no audio device provider of kind '" + kind + "' (installed: "
                        + all().stream().map(AudioDeviceProvider::kind).toList() + ")"));
    }
}
