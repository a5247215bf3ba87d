package dev.vigil.ros.msg;

import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.cdr.CdrReader;
import dev.vigil.ros.cdr.CdrWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rmw_dds_common/msg/ParticipantEntitiesInfo}: what a DDS participant says of the ROS nodes it
 * holds, on the DDS topic {@code ros_discovery_info} (no {@code rt/} prefix). It is how ROS 2 (Foxy and
 * later, both default RMWs) learns node names: {@code rmw_dds_common::GraphCache} keeps the latest
 * message of each participant, lists its nodes in {@code ros2 node list}, and finds each node's topics
 * ({@code ros2 node info}) by looking its reader and writer gids up among the endpoints DDS discovery
 * reported.
 * <p>
 * Fields, in wire order ({@code ParticipantEntitiesInfo.msg}, {@code NodeEntitiesInfo.msg}, the same
 * from Foxy to Rolling): {@code Gid gid} (the participant's), {@code NodeEntitiesInfo[] node_entities_info_seq}
 * of {@code string<=256 node_namespace}, {@code string<=256 node_name}, {@code Gid[] reader_gid_seq},
 * {@code Gid[] writer_gid_seq}. A {@code Gid} is laid out by {@link GidLayout}.
 *
 * @param gid   the participant's GUID
 * @param nodes its nodes
 */
public record ParticipantEntitiesInfo(Gid gid, List<NodeEntitiesInfo> nodes) {

    /** The most nodes, and the most readers or writers of a node, one message may carry. */
    public static final int MAX_ENTRIES = 4096;
    /** The bound of the name strings ({@code string<=256}), in bytes. */
    public static final int MAX_NAME_BYTES = 256;

    public ParticipantEntitiesInfo {
        if (gid == null) {
            throw new IllegalArgumentException("a participant's gid is needed");
        }
        nodes = List.copyOf(nodes);
    }

    /**
     * One ROS node of the participant.
     *
     * @param namespace its namespace, {@code /} for the root one
     * @param name      its name, e.g. {@code vigil}
     * @param readers   the GUIDs of its DDS readers (subscriptions)
     * @param writers   the GUIDs of its DDS writers (publishers)
     */
    public record NodeEntitiesInfo(String namespace, String name, List<Gid> readers, List<Gid> writers) {
        public NodeEntitiesInfo {
            readers = List.copyOf(readers);
            writers = List.copyOf(writers);
        }
    }

    /**
     * The message type with the gids of one distribution. 64 KiB holds a node of about 1300 endpoints
     * (24 bytes each, Humble's layout); the agent has a few dozen.
     */
    public static RosType<ParticipantEntitiesInfo> type(GidLayout layout) {
        return RosType.of("rmw_dds_common/msg/ParticipantEntitiesInfo", 64 * 1024,
                (m, out) -> {
                    gid(m.gid(), layout, out);
                    out.uint32(m.nodes().size());
                    for (NodeEntitiesInfo node : m.nodes()) {
                        name(node.namespace(), out);
                        name(node.name(), out);
                        gids(node.readers(), layout, out);
                        gids(node.writers(), layout, out);
                    }
                },
                in -> {
                    Gid gid = gid(layout, in);
                    long n = count(in, "node_entities_info_seq");
                    List<NodeEntitiesInfo> nodes = new ArrayList<>((int) n);
                    for (int i = 0; i < n; i++) {
                        String namespace = name(in);
                        String name = name(in);
                        nodes.add(new NodeEntitiesInfo(namespace, name, gids(layout, in), gids(layout, in)));
                    }
                    return new ParticipantEntitiesInfo(gid, nodes);
                });
    }

    private static void gid(Gid gid, GidLayout layout, CdrWriter out) throws CdrException {
        byte[] guid = gid.guid();
        for (int i = 0; i < layout.bytes(); i++) {
            // Humble's 24 bytes: the GUID, then zeros, as both RMWs fill an rmw_gid_t.
            out.uint8(i < guid.length ? guid[i] : 0);
        }
    }

    private static Gid gid(GidLayout layout, CdrReader in) throws CdrException {
        byte[] guid = new byte[Gid.GUID_BYTES];
        for (int i = 0; i < layout.bytes(); i++) {
            int b = in.uint8();
            if (i < guid.length) {
                guid[i] = (byte) b;
            }
        }
        return Gid.of(guid);
    }

    private static void gids(List<Gid> gids, GidLayout layout, CdrWriter out) throws CdrException {
        out.uint32(gids.size());
        for (Gid gid : gids) {
            gid(gid, layout, out);
        }
    }

    private static List<Gid> gids(GidLayout layout, CdrReader in) throws CdrException {
        long n = count(in, "gid_seq");
        List<Gid> gids = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            gids.add(gid(layout, in));
        }
        return gids;
    }

    private static void name(String name, CdrWriter out) throws CdrException {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new CdrException("\"" + name + "\": longer than " + MAX_NAME_BYTES + " bytes (string<=256)");
        }
        out.string(name);
    }

    private static String name(CdrReader in) throws CdrException {
        String name = in.string();
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new CdrException("a node name or namespace longer than " + MAX_NAME_BYTES + " bytes");
        }
        return name;
    }

    private static long count(CdrReader in, String field) throws CdrException {
        long n = in.uint32();
        if (n > MAX_ENTRIES) {
            throw new CdrException(field + ": " + n + " entries, more than " + MAX_ENTRIES);
        }
        return n;
    }
}
