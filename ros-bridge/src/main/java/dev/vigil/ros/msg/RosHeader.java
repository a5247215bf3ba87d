package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;

/**
 * {@code std_msgs/msg/Header}: {@code builtin_interfaces/Time stamp} ({@code int32 sec},
 * {@code uint32 nanosec}) and {@code string frame_id}. Written and read inside the messages that hold it.
 *
 * @param sec     seconds of the stamp (the publisher's clock, usually ROS time since the epoch)
 * @param nanosec 0–999 999 999
 * @param frameId the frame the data are in, e.g. {@code mic} or {@code camera_optical_frame}
 */
public record RosHeader(int sec, long nanosec, String frameId) {

    public RosHeader {
        if (nanosec < 0 || nanosec > 999_999_999L) {
            throw new IllegalArgumentException("header nanosec must be 0–999999999, was " + nanosec);
        }
    }

    /** A header stamped {@code at} (ROS time: wall clock since the epoch). */
    public static RosHeader at(java.time.Instant at, String frameId) {
        return new RosHeader((int) at.getEpochSecond(), at.getNano(), frameId);
    }

    /** The stamp in nanoseconds. */
    public long stampNanos() {
        return sec * 1_000_000_000L + nanosec;
    }

    void write(CdrWriter out) throws CdrException {
        out.int32(sec).uint32(nanosec).string(frameId);
    }

    static RosHeader read(CdrReader in) throws CdrException {
        int sec = in.int32();
        long nanosec = in.uint32();
        String frame = in.string();
        if (nanosec > 999_999_999L) {
            throw new CdrException("header stamp nanosec " + nanosec + " is over 999999999");
        }
        return new RosHeader(sec, nanosec, frame);
    }
}
