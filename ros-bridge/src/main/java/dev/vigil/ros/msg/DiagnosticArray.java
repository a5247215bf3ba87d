package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code diagnostic_msgs/msg/DiagnosticArray} (ROS 2 common_interfaces, Humble / Jazzy): the state of a
 * node's parts, as {@code rqt_robot_monitor} and the diagnostic aggregator read it on {@code /diagnostics}.
 *
 * @param header when (ROS time)
 * @param status one entry per part
 */
public record DiagnosticArray(RosHeader header, List<Status> status) {

    /** The most statuses, and key-value pairs per status, one message may carry. */
    public static final int MAX_ENTRIES = 1024;

    public DiagnosticArray {
        status = List.copyOf(status);
    }

    /** {@code DiagnosticStatus.level}: a {@code byte} (uint8 on the wire). */
    public enum Level {
        OK, WARN, ERROR, STALE
    }

    /**
     * {@code diagnostic_msgs/msg/DiagnosticStatus}.
     *
     * @param level      how it is
     * @param name       e.g. {@code vigil: microphone}
     * @param message    one line
     * @param hardwareId e.g. the device; may be empty
     * @param values     {@code diagnostic_msgs/KeyValue}s, in order
     */
    public record Status(Level level, String name, String message, String hardwareId, Map<String, String> values) {
        public Status {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    public static final RosType<DiagnosticArray> TYPE = RosType.of("diagnostic_msgs/msg/DiagnosticArray", 256 * 1024,
            (m, out) -> {
                m.header().write(out);
                out.uint32(m.status().size());
                for (Status s : m.status()) {
                    write(s, out);
                }
            },
            in -> {
                RosHeader header = RosHeader.read(in);
                long n = count(in, "status");
                List<Status> status = new ArrayList<>((int) n);
                for (int i = 0; i < n; i++) {
                    status.add(read(in));
                }
                return new DiagnosticArray(header, status);
            });

    private static void write(Status s, CdrWriter out) throws CdrException {
        out.uint8(s.level().ordinal()).string(s.name()).string(s.message()).string(s.hardwareId());
        out.uint32(s.values().size());
        for (Map.Entry<String, String> kv : s.values().entrySet()) {
            out.string(kv.getKey()).string(kv.getValue());
        }
    }

    private static Status read(CdrReader in) throws CdrException {
        int level = in.uint8();
        if (level >= Level.values().length) {
            throw new CdrException("diagnostic level " + level + " is not OK, WARN, ERROR or STALE (0–3)");
        }
        String name = in.string();
        String message = in.string();
        String hardware = in.string();
        long n = count(in, "values");
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            values.put(in.string(), in.string());
        }
        return new Status(Level.values()[level], name, message, hardware, values);
    }

    private static long count(CdrReader in, String what) throws CdrException {
        long n = in.uint32();
        if (n > MAX_ENTRIES) {
            throw new CdrException(what + ": " + n + " entries, more than " + MAX_ENTRIES);
        }
        return n;
    }
}
