package dev.vigil.ros.transport;

import dev.vigil.ros.msg.GidLayout;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.testing.RosGraph;
import dev.vigil.ros.testing.Waiting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil's node as ROS 2's graph would list it, for one distribution's gid layout (the subclasses): a
 * Cyclone DDS peer in C ({@code ros_peer graph}) reads {@code ros_discovery_info} as the RMWs do and
 * checks each gid against what DDS discovery itself reported (the builtin participant, publication and
 * subscription topics), byte for byte over the layout's length, as {@code rmw_dds_common::GraphCache}
 * compares them. That is what {@code ros2 node list} (the node's name and namespace) and
 * {@code ros2 node info} (its topics, found from its writers' and readers' gids) rely on. Not checked
 * here: the {@code ros2} command itself (no ROS 2 installation).
 */
abstract class NodeDiscoveryTest {

    /** The class's graph: its domain and Vigil's node, announced with {@link #layout()}'s gids. */
    abstract RosGraph graph();

    abstract GidLayout layout();

    /** The node's name in {@link #graph()}. */
    abstract String nodeName();

    @Test
    void theNodeIsListedByNameWithItsParticipantsAndEndpointsGidsAndFollowsNewEndpoints() throws Exception {
        String out = "/" + nodeName() + "/out", in = "/" + nodeName() + "/in", later = "/" + nodeName() + "/later";
        DdsTransport vigil = graph().transport();
        try (RosPublisher<StdString> writer = vigil.publisher(out, StdString.TYPE, RosQos.DEFAULT);
             AutoCloseable reader = vigil.subscribe(in, StdString.TYPE, RosQos.DEFAULT,
                     Waiting.collecting(new ArrayList<>(), new ArrayList<>()));
             // Started after the node's endpoints: it learns of them from the transient-local message,
             // as a ROS 2 node started later does.
             CyclonePeer peer = CyclonePeer.start(graph().domain(), "graph", layout().name().toLowerCase(Locale.ROOT), "40")) {

            int seen = awaitListing(peer, 0, "rt" + out, "rt" + in);
            try (RosPublisher<StdString> added = vigil.publisher(later, StdString.TYPE, RosQos.DEFAULT)) {
                seen = awaitListing(peer, seen, "rt" + out + ",rt" + later, "rt" + in);
            }
            awaitListing(peer, seen, "rt" + out, "rt" + in);
        }
    }

    /**
     * Waits (up to 20 s) for the peer to print, from line {@code from} on, that this node of the root
     * namespace is held by a participant DDS discovered (the message's gid is that participant's GUID),
     * with exactly these writers and readers: each gid in the message is the GUID of an endpoint
     * of that participant on that DDS topic (comma-separated, in the message's order), and no gid names
     * an endpoint DDS did not report ({@code unknown=0}) or another participant's ({@code foreign=0}).
     *
     * @return the number of lines printed when it was found
     * @throws AssertionError it never was: the lines printed say what the peer saw instead
     */
    private int awaitListing(CyclonePeer peer, int from, String writers, String readers) throws InterruptedException {
        String expected = "node / " + nodeName() + " participant=discovered writers=" + writers + " readers=" + readers
                + " unknown=0 foreign=0";
        Waiting.until(() -> listed(peer.lines(), from, expected) >= 0 || !peer.isAlive(), 20);
        int at = listed(peer.lines(), from, expected);
        assertThat(at).as("the peer's listing of %s; it printed %s %s", nodeName(), peer.lines(), peer.errors())
                .isNotNegative();
        assertThat(peer.lines().get(at)).isEqualTo(expected);
        return at + 1;
    }

    private static int listed(List<String> lines, int from, String expected) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(expected)) {
                return i;
            }
        }
        return -1;
    }
}
