package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;

/**
 * {@code std_msgs/msg/Bool}: {@code bool data} (one byte, 0 or 1). {@code /robot_speaking}.
 *
 * @param data the value
 */
public record StdBool(boolean data) {

    public static final RosType<StdBool> TYPE = new RosType<>() {
        @Override
        public String name() {
            return "std_msgs/msg/Bool";
        }

        @Override
        public int maxBytes() {
            return 8;
        }

        @Override
        public void write(StdBool message, CdrWriter out) throws CdrException {
            out.uint8(message.data() ? 1 : 0);
        }

        @Override
        public StdBool read(CdrReader in) throws CdrException {
            return new StdBool(in.uint8() != 0);
        }
    };
}
