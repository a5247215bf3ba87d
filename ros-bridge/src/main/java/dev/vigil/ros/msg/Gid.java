package dev.vigil.ros.msg;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity ROS 2 gives a DDS participant, reader or writer: its RTPS GUID, 16 bytes as on the wire
 * (12 bytes of GUID prefix, then 4 of entity id; DDS-RTPS 2.5 §8.2.4). This is what both of ROS 2's
 * default RMWs put in an {@code rmw_gid_t} ({@code rmw_fastrtps_shared_cpp::copy_from_fastrtps_guid_to_byte_array},
 * {@code rmw_cyclonedds_cpp}'s {@code convert_guid_to_gid}), and what their graph caches compare with the
 * keys of the DDS builtin discovery topics. How many bytes it takes in a message depends on the
 * distribution ({@link GidLayout}).
 */
public final class Gid {

    /** Bytes of an RTPS GUID: prefix and entity id. */
    public static final int GUID_BYTES = 16;

    private final byte[] guid;

    private Gid(byte[] guid) {
        this.guid = guid;
    }

    /**
     * @param guid the 16 bytes of an RTPS GUID, prefix first
     * @throws IllegalArgumentException not 16 bytes
     */
    public static Gid of(byte[] guid) {
        if (guid == null || guid.length != GUID_BYTES) {
            throw new IllegalArgumentException("an RTPS GUID is " + GUID_BYTES + " bytes");
        }
        return new Gid(guid.clone());
    }

    /** The GUID's 16 bytes, prefix first (a copy). */
    public byte[] guid() {
        return guid.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gid g && Arrays.equals(guid, g.guid);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(guid);
    }

    /** The 16 bytes in hex, e.g. {@code 010f3c…000001c1}, as Cyclone and Fast DDS log GUIDs (without dots). */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(guid);
    }
}
