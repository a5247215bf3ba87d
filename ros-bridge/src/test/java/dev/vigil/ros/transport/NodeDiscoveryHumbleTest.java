package dev.vigil.ros.transport;

import dev.vigil.ros.msg.GidLayout;
import dev.vigil.ros.testing.RosGraph;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NodeDiscoveryTest} with Humble's gids (HUMBLE: 24 bytes, the GUID then zeros), read by a peer of that layout. */
class NodeDiscoveryHumbleTest extends NodeDiscoveryTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_graph_humble", GidLayout.HUMBLE);

    @Override
    RosGraph graph() {
        return ROS;
    }

    @Override
    GidLayout layout() {
        return GidLayout.HUMBLE;
    }

    @Override
    String nodeName() {
        return "vigil_graph_humble";
    }
}
