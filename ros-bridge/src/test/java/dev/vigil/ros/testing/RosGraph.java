package dev.vigil.ros.testing;

import dev.vigil.ros.msg.GidLayout;
import dev.vigil.ros.transport.DdsTransport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test class's own place on a ROS graph: a domain of its own (100–199, random, so that parallel or
 * leftover participants do not cross), loopback prepared for DDS ({@link CyclonePeer#prepareLoopback}),
 * and Vigil's node on it, on loopback, for the whole class.
 * <pre>{@code
 * @RegisterExtension
 * static final RosGraph ROS = new RosGraph("vigil_audio_test");
 * ... CyclonePeer.start(ROS.domain(), ...); ROS.transport().subscribe(...)
 * }</pre>
 */
public final class RosGraph implements BeforeAllCallback, AfterAllCallback {

    private final String node;
    private final GidLayout layout;
    private final int domain = ThreadLocalRandom.current().nextInt(100, 200);
    private DdsTransport transport;

    /** @param node the node's name for Vigil's side, announced with Humble's gids */
    public RosGraph(String node) {
        this(node, GidLayout.HUMBLE);
    }

    /**
     * @param node   the node's name for Vigil's side
     * @param layout the gids' layout it announces itself with on {@code ros_discovery_info}
     */
    public RosGraph(String node, GidLayout layout) {
        this.node = node;
        this.layout = layout;
    }

    /** The ROS domain of this class's peers. */
    public int domain() {
        return domain;
    }

    /** Vigil's node on the domain. */
    public DdsTransport transport() {
        return transport;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        CyclonePeer.prepareLoopback();
        transport = DdsTransport.open(node, domain, InetAddress.getLoopbackAddress(), layout);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (transport != null) {
            transport.close();
        }
    }
}
