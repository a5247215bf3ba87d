package dev.vigil.ros.msg;

/**
 * {@code audio_common_msgs/msg/AudioInfo} of ros-drivers/audio_common (ROS 2 branch): the format of
 * the {@link AudioDataStamped} chunks on the topic beside it (usually latched).
 *
 * @param channels     interleaved channels
 * @param sampleRate   samples per second per channel
 * @param sampleFormat e.g. {@code S16LE}, {@code F32LE} (GStreamer's names)
 * @param bitrate      for compressed audio, bits per second; 0 otherwise
 * @param codingFormat {@code wave} (raw PCM) or {@code mp3}
 */
public record AudioInfo(int channels, long sampleRate, String sampleFormat, long bitrate, String codingFormat) {

    public static final RosType<AudioInfo> TYPE = RosType.of("audio_common_msgs/msg/AudioInfo", 1024,
            (m, out) -> out.uint8(m.channels()).uint32(m.sampleRate()).string(m.sampleFormat()).uint32(m.bitrate())
                    .string(m.codingFormat()),
            in -> new AudioInfo(in.uint8(), in.uint32(), in.string(), in.uint32(), in.string()));
}
