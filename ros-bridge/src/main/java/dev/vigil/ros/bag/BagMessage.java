package dev.vigil.ros.bag;

import java.util.Objects;

/**
 * One message of a bag (an MCAP Message record, op 0x05) with the channel it was recorded on.
 *
 * @param channel            its topic, encoding and schema
 * @param sequence           the writer's counter (uint32; rosbag2 writes 0, Vigil counts per channel from 1)
 * @param logTimeNanos       when it was recorded, ns since the epoch the writer chose (rosbag2 and Vigil: the
 *                           Unix epoch, wall clock); uint64, negative only past the year 2262
 * @param publishTimeNanos   when it was published, ns; the log time when the writer did not know
 * @param data               the message bytes: for ROS 2 the CDR sample with its 4-byte encapsulation header
 *                           ({@link BagCdr}); owned by the record, do not modify
 */
public record BagMessage(McapChannel channel, long sequence, long logTimeNanos, long publishTimeNanos, byte[] data) {

    public BagMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
    }

    /** The channel's topic: {@code /intents}. */
    public String topic() {
        return channel.topic();
    }

    /** The channel's schema name: {@code hri_actions_msgs/msg/Intent}; empty without a schema. */
    public String schemaName() {
        return channel.schemaName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BagMessage m && m.channel.equals(channel) && m.sequence == sequence
                && m.logTimeNanos == logTimeNanos && m.publishTimeNanos == publishTimeNanos
                && java.util.Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, sequence, logTimeNanos, publishTimeNanos, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "BagMessage[" + topic() + " #" + sequence + " at " + Long.toUnsignedString(logTimeNanos) + " ns, "
                + data.length + " bytes]";
    }
}
