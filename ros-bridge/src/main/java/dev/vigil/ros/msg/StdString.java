package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;

/**
 * {@code std_msgs/msg/String}: {@code string data}. Vigil's utterances and the {@code /say} requests of
 * robot behaviours.
 *
 * @param data UTF-8 text
 */
public record StdString(String data) {

    /** At most 64 KiB of text. */
    public static final RosType<StdString> TYPE = new RosType<>() {
        @Override
        public String name() {
            return "std_msgs/msg/String";
        }

        @Override
        public int maxBytes() {
            return 64 * 1024;
        }

        @Override
        public void write(StdString message, CdrWriter out) throws CdrException {
            out.string(message.data());
        }

        @Override
        public StdString read(CdrReader in) throws CdrException {
            return new StdString(in.string());
        }
    };
}
