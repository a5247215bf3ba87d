package dev.vigil.ros.msg;

import java.nio.ByteBuffer;

/**
 * {@code audio_common_msgs/msg/AudioDataStamped} of ros-drivers/audio_common (ROS 2 branch):
 * {@code std_msgs/Header header}, {@code AudioData audio} ({@code uint8[] data}). The bytes' format
 * (S16LE, F32LE, MP3…) is in the {@link AudioInfo} published beside it. Not mgonzs13/audio_common's
 * {@code AudioStamped}, which has typed arrays and another wire layout.
 *
 * @param header when the first sample was captured, and where
 * @param data   the audio bytes, as the capture node sent them; owned by this record (a copy)
 */
public record AudioDataStamped(RosHeader header, byte[] data) {

    /** The most one chunk may take: 512 KiB (over a second of 48 kHz stereo S16). */
    public static final int MAX_DATA = 512 * 1024;

    public static final RosType<AudioDataStamped> TYPE = RosType.of("audio_common_msgs/msg/AudioDataStamped",
            MAX_DATA + 1024,
            (m, out) -> {
                m.header().write(out);
                out.bytes(ByteBuffer.wrap(m.data()));
            },
            in -> {
                RosHeader header = RosHeader.read(in);
                ByteBuffer view = in.bytes(MAX_DATA);
                byte[] data = new byte[view.remaining()];
                view.get(data);
                return new AudioDataStamped(header, data);
            });
}
