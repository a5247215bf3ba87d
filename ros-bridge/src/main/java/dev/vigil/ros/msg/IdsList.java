package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code hri_msgs/msg/IdsList} (ROS4HRI, hri_msgs 2.0.0): the ids of what is tracked now, e.g. on
 * {@code /humans/voices/tracked}.
 *
 * @param header when (ROS time)
 * @param ids    the ids, e.g. {@code anonymous_speaker}
 */
public record IdsList(RosHeader header, List<String> ids) {

    /** The most ids one message may carry. */
    public static final int MAX_IDS = 1024;

    public IdsList {
        ids = List.copyOf(ids);
    }

    public static final RosType<IdsList> TYPE = RosType.of("hri_msgs/msg/IdsList", 64 * 1024,
            (m, out) -> {
                m.header().write(out);
                out.uint32(m.ids().size());
                for (String id : m.ids()) {
                    out.string(id);
                }
            },
            in -> {
                RosHeader header = RosHeader.read(in);
                long n = in.uint32();
                if (n > MAX_IDS) {
                    throw new CdrException("ids: " + n + " of them, more than " + MAX_IDS);
                }
                List<String> ids = new ArrayList<>((int) n);
                for (int i = 0; i < n; i++) {
                    ids.add(in.string());
                }
                return new IdsList(header, ids);
            });
}
