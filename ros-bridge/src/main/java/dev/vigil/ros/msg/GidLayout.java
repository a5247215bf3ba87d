package dev.vigil.ros.msg;

/**
 * How {@code rmw_dds_common/msg/Gid} lays out a {@link Gid}, which differs by ROS 2 distribution
 * (ros2/rmw_dds_common, {@code rmw_dds_common/msg/Gid.msg}, and {@code RMW_GID_STORAGE_SIZE}):
 * Foxy, Galactic and Humble declare {@code char[24] data} (the GUID's 16 bytes, then 8 zero bytes:
 * both RMWs zero the whole {@code rmw_gid_t} before copying the GUID in); Iron, Jazzy, Kilted and
 * Rolling declare {@code char[16] data} (rmw_dds_common PR #68). Either is a fixed array: its bytes
 * with no count before them. The DDS type name is the same in both, so a node of one layout reads
 * the other's message as garbage: the layout must match the graph's distribution.
 */
public enum GidLayout {

    /** Foxy, Galactic, Humble: 24 bytes. */
    HUMBLE(24),
    /** Iron, Jazzy, Kilted, Rolling: 16 bytes. */
    JAZZY(16);

    private final int bytes;

    GidLayout(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes one {@code Gid} takes in a message: 24 or 16. */
    public int bytes() {
        return bytes;
    }
}
