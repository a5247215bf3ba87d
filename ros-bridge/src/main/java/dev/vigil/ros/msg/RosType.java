package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;

/**
 * A ROS 2 message type and its CDR layout, field by field as its {@code .msg} file declares them.
 *
 * @param <T> the record that holds one message
 */
public interface RosType<T> {

    /** The ROS name, {@code <package>/msg/<Type>}, e.g. {@code std_msgs/msg/String}. */
    String name();

    /** The DDS type name ROS 2 registers, e.g. {@code std_msgs::msg::dds_::String_}. */
    default String ddsName() {
        String[] parts = name().split("/");
        return parts[0] + "::" + parts[1] + "::dds_::" + parts[2] + "_";
    }

    /** The most bytes one sample may take, header included: the DDS layer sizes its buffers by it. */
    int maxBytes();

    /** @throws CdrException the message does not fit in {@link #maxBytes()} */
    void write(T message, CdrWriter out) throws CdrException;

    /** @throws CdrException the sample is not a valid message of this type (one line) */
    T read(CdrReader in) throws CdrException;

    /** Writes one message's fields in order. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T message, CdrWriter out) throws CdrException;
    }

    /** Reads one message's fields in order. */
    @FunctionalInterface
    interface Reader<T> {
        T read(CdrReader in) throws CdrException;
    }

    /**
     * A type from its name, size bound and field-by-field layout.
     *
     * @param name     {@code <package>/msg/<Type>}
     * @param maxBytes the most bytes one sample may take, header included
     */
    static <T> RosType<T> of(String name, int maxBytes, Writer<T> writer, Reader<T> reader) {
        return new RosType<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int maxBytes() {
                return maxBytes;
            }

            @Override
            public void write(T message, CdrWriter out) throws CdrException {
                writer.write(message, out);
            }

            @Override
            public T read(CdrReader in) throws CdrException {
                return reader.read(in);
            }
        };
    }
}
