package dev.vigil.ros.msg;

/**
 * {@code hri_msgs/msg/LiveSpeech} (ROS4HRI, hri_msgs 2.0.0, ROS 2 {@code humble-devel}): what a voice
 * said, incrementally while it speaks and then as a final hypothesis. Releases before 2.0 lack
 * {@code language}; a ROS 1 branch had an {@code IdHeader} in place of the header (other bytes).
 *
 * @param header      when it was recognised (ROS time) and the frame ({@code ""})
 * @param incremental the words so far while the voice speaks; empty in a final result
 * @param fin         the final recognised text; empty in an incremental result (field {@code final})
 * @param confidence  0–1
 * @param language    IETF language code, e.g. {@code en-US}
 */
public record LiveSpeech(RosHeader header, String incremental, String fin, double confidence, String language) {

    /** At most 64 KiB of text in all. */
    public static final RosType<LiveSpeech> TYPE = RosType.of("hri_msgs/msg/LiveSpeech", 64 * 1024,
            (m, out) -> {
                m.header().write(out);
                out.string(m.incremental()).string(m.fin()).float64(m.confidence()).string(m.language());
            },
            in -> new LiveSpeech(RosHeader.read(in), in.string(), in.string(), in.float64(), in.string()));
}
