package dev.vigil.ros.transport;

import dev.vigil.ros.msg.GidLayout;
import dev.vigil.ros.testing.RosGraph;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NodeDiscoveryTest} with Jazzy's gids (JAZZY: 16 bytes, the GUID), read by a peer of that layout. */
class NodeDiscoveryJazzyTest extends NodeDiscoveryTest {

    @RegisterExtension
    static final RosGraph ROS = new RosGraph("vigil_graph_jazzy", GidLayout.JAZZY);

    @Override
    RosGraph graph() {
        return ROS;
    }

    @Override
    GidLayout layout() {
        return GidLayout.JAZZY;
    }

    @Override
    String nodeName() {
        return "vigil_graph_jazzy";
    }
}
