package dev.vigil.ros.transport;

import dev.vigil.ros.msg.Gid;
import dev.vigil.ros.msg.ParticipantEntitiesInfo;
import dev.vigil.ros.msg.ParticipantEntitiesInfo.NodeEntitiesInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The node as ROS 2 learns of it: the participant's {@link ParticipantEntitiesInfo} on
 * {@code ros_discovery_info}, published again each time one of the node's readers or writers comes or
 * goes, as {@code rmw_fastrtps} and {@code rmw_cyclonedds} do (their {@code rmw_create_publisher} and
 * friends update {@code rmw_dds_common::GraphCache} and publish the participant's message). The writer
 * is ROS's own for this topic: DDS topic {@code ros_discovery_info} (ROS's namespace conventions
 * avoided: no {@code rt/}), reliable, transient local, keep last 1, so a node that starts later gets
 * the latest message; the RMWs' readers are reliable, transient local, keep all. This writer itself is
 * the participant's, not the node's, and is not listed (the RMWs do the same).
 */
final class NodeAnnouncement {

    /** The DDS topic, as the RMWs name it. */
    static final String TOPIC = "ros_discovery_info";
    /** The RMWs' QoS for its writer. */
    static final RosQos QOS = new RosQos(RosQos.Reliability.RELIABLE, RosQos.Durability.TRANSIENT_LOCAL, 1);
    /** The namespace of a node in none: rcl gives the RMW "/" for the root namespace. */
    static final String ROOT_NAMESPACE = "/";

    private final String name;
    private final Gid participant;
    private final RosPublisher<ParticipantEntitiesInfo> publisher;
    private final Set<Gid> readers = new LinkedHashSet<>();
    private final Set<Gid> writers = new LinkedHashSet<>();

    /**
     * Announces the node with no readers or writers yet.
     *
     * @param name        the node's name
     * @param participant the GUID of the participant that holds it
     * @throws RosException the first message could not be published (one line)
     */
    NodeAnnouncement(String name, Gid participant, RosPublisher<ParticipantEntitiesInfo> publisher) throws RosException {
        this.name = name;
        this.participant = participant;
        this.publisher = publisher;
        synchronized (this) {
            publish();
        }
    }

    synchronized void writerAdded(Gid gid) throws RosException {
        writers.add(gid);
        publish();
    }

    synchronized void readerAdded(Gid gid) throws RosException {
        readers.add(gid);
        publish();
    }

    synchronized void writerRemoved(Gid gid) {
        if (writers.remove(gid)) {
            republishQuietly();
        }
    }

    synchronized void readerRemoved(Gid gid) {
        if (readers.remove(gid)) {
            republishQuietly();
        }
    }

    /** The message as it stands now. */
    synchronized ParticipantEntitiesInfo current() {
        return new ParticipantEntitiesInfo(participant, List.of(new NodeEntitiesInfo(ROOT_NAMESPACE, name,
                new ArrayList<>(readers), new ArrayList<>(writers))));
    }

    private void publish() throws RosException {
        publisher.publish(current());
    }

    /**
     * After a removal there is nobody to tell of a failure (closing does not throw). A gid left in the
     * other nodes' caches names an endpoint DDS discovery no longer reports, which ROS 2's graph cache
     * skips; the next change, or the participant's end, corrects it.
     */
    private void republishQuietly() {
        try {
            publish();
        } catch (RosException e) {
            // see above
        }
    }
}
