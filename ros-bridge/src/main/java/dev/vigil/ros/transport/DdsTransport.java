package dev.vigil.ros.transport;

import dev.vigil.ros.msg.Gid;
import dev.vigil.ros.msg.GidLayout;
import dev.vigil.ros.msg.ParticipantEntitiesInfo;
import dev.vigil.ros.msg.RosType;
import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.TransportDescriptorType;
import jakarta.xml.bind.JAXBElement;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.DomainFactory;
import us.ihmc.pubsub.DomainFactory.PubSubImplementation;
import us.ihmc.pubsub.attributes.ParticipantProfile;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.attributes.SubscriberAttributes;
import us.ihmc.pubsub.common.Guid;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.common.SampleInfo;
import us.ihmc.pubsub.common.Time;
import us.ihmc.pubsub.participant.Participant;
import us.ihmc.pubsub.publisher.Publisher;
import us.ihmc.pubsub.subscriber.Subscriber;
import us.ihmc.pubsub.subscriber.SubscriberListener;
import us.ihmc.ros2.ROS2NodeInterface;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.net.InetAddress;
import java.util.UUID;

/**
 * {@link RosTransport} on real DDS: eProsima Fast DDS through IHMC's {@code ihmc-pub-sub} (JNI;
 * natives for linux x86-64 and aarch64 in the jar). One DDS participant per node, which announces the
 * node on {@code ros_discovery_info} ({@link NodeAnnouncement}) so that ROS 2 lists it. Every QoS is set
 * explicitly; message types are Vigil's own ({@link RosType}, CDR written by {@code CdrWriter}), not
 * the library's generated ones (its stock {@code sensor_msgs/Image} bounds data at 100 bytes and
 * crashed the JVM on a camera frame).
 * <p>
 * The participant, publishers and subscribers are made with {@code ihmc-pub-sub}'s {@link Domain}
 * directly, not through {@code ihmc-ros2-library}'s {@code ROS2Node}: that wrapper keeps the
 * participant and each endpoint in private fields, and their GUIDs, which {@code ros_discovery_info}
 * must list, are public only on the pub-sub objects ({@link Participant#getGuid()},
 * {@link Publisher#getGuid()}, {@link Subscriber#getGuid()}). What {@code ROS2Node} added is done
 * here: the participant's name, {@code rt} before each topic name, the publishers' 100 ms heartbeat.
 */
public final class DdsTransport implements RosTransport {

    /** The UDP sockets' send and receive buffers asked for: 8 MiB. */
    public static final long SOCKET_BUFFER_BYTES = 8L * 1024 * 1024;
    private static final String FAST_DDS_PROFILES = "http://www.eprosima.com/XMLSchemas/fastRTPS_Profiles";
    /** ROS 2's prefix of the DDS topic of a ROS topic ("Topic and Service name mapping to DDS"). */
    private static final String ROS_TOPIC_PREFIX = "rt";
    /** The heartbeat period of every writer: ROS2Node's (Fast DDS's own default is 3 s). */
    private static final Time HEARTBEAT = new Time(0, 100_000_000);

    private final Domain domain;
    private final Participant participant;
    private final String label;
    private final NodeAnnouncement announcement;

    private DdsTransport(Domain domain, Participant participant, String label, NodeAnnouncement announcement) {
        this.domain = domain;
        this.participant = participant;
        this.label = label;
        this.announcement = announcement;
    }

    /**
     * Joins the ROS graph as node {@code name}, announced with Humble's gids ({@link GidLayout#HUMBLE}).
     *
     * @see #open(String, int, InetAddress, GidLayout)
     */
    public static DdsTransport open(String name, int domainId, InetAddress bindTo) throws RosException {
        return open(name, domainId, bindTo, GidLayout.HUMBLE);
    }

    /**
     * Joins the ROS graph as node {@code name} in the root namespace, and says so on
     * {@code ros_discovery_info} as ROS 2 nodes of {@code layout}'s distribution read it.
     *
     * @param name     the node's name (letters, digits, '_')
     * @param domainId the ROS domain (0–232; {@code ROS_DOMAIN_ID})
     * @param bindTo   the only local address to use (e.g. 127.0.0.1 for a robot alone on its loopback), or
     *                 null for every interface
     * @param layout   the gids' layout of the graph's ROS 2 distribution
     * @throws RosException the DDS participant could not be created, or the node not announced (one line)
     */
    public static DdsTransport open(String name, int domainId, InetAddress bindTo, GidLayout layout) throws RosException {
        if (!RosNames.isDomainId(domainId)) {
            throw new RosException("ROS domain id " + domainId + " is outside 0–232");
        }
        if (!RosNames.isNode(name)) {
            throw new RosException("\"" + name + "\" is not a ROS node name (letters, digits, _)");
        }
        String label = "ROS node " + name + " (domain " + domainId + ")";
        Domain domain;
        Participant participant;
        try {
            domain = DomainFactory.getDomain(PubSubImplementation.FAST_RTPS);
            participant = domain.createParticipant(participant(domainId, bindTo).name(name));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new RosException("cannot join ROS domain " + domainId + " as " + name + ": " + e.getMessage(), e);
        }
        try {
            Writer<ParticipantEntitiesInfo> discovery = Writer.create(domain, participant, NodeAnnouncement.TOPIC,
                    ParticipantEntitiesInfo.type(layout), NodeAnnouncement.QOS);
            return new DdsTransport(domain, participant, label,
                    new NodeAnnouncement(name, gid(participant.getGuid()), discovery));
        } catch (IOException | RosException | RuntimeException e) {
            remove(domain, participant);
            throw new RosException(label + ": cannot announce the node on " + NodeAnnouncement.TOPIC + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The participant as the library's own {@code createParticipantAttributes} makes it (UDPv4, shared
     * memory when the environment asks for it, infinite discovery lease, the address whitelist), with
     * socket buffers of {@value #SOCKET_BUFFER_BYTES} bytes: with the system's default (208 KiB here) the
     * kernel dropped the fragments of large samples from another DDS implementation (a 640×480 image
     * from Cyclone at 30 Hz: 24 % arrived; with these buffers, 100 %). The system caps what it grants at
     * {@code net.core.rmem_max}; a robot wants that raised too (docs/ros.md).
     */
    private static ParticipantProfile participant(int domainId, InetAddress bindTo) {
        ParticipantProfile profile = ParticipantProfile.create().domainId(domainId)
                .discoveryLeaseDuration(Time.Infinite).useBuiltinTransports(false);
        if (ROS2NodeInterface.useSHMFromEnvironment()) {
            profile.addSharedMemoryTransport();
        }
        TransportDescriptorType udp = new TransportDescriptorType();
        udp.setTransportId(UUID.randomUUID().toString());
        udp.setType("UDPv4");
        udp.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        udp.setSendBufferSize(SOCKET_BUFFER_BYTES);
        if (bindTo != null) {
            TransportDescriptorType.InterfaceWhiteList only = new TransportDescriptorType.InterfaceWhiteList();
            only.getAddressOrInterface().add(new JAXBElement<>(new QName(FAST_DDS_PROFILES, "address"), String.class,
                    bindTo.getHostAddress()));
            udp.setInterfaceWhiteList(only);
        }
        return profile.addTransport(udp);
    }

    @Override
    public <T> RosPublisher<T> publisher(String topic, RosType<T> type, RosQos qos) throws RosException {
        checkTopic(topic);
        Writer<T> writer;
        try {
            writer = Writer.create(domain, participant, ROS_TOPIC_PREFIX + topic, type, qos);
        } catch (IOException | RuntimeException e) {
            throw new RosException(label + ": cannot publish " + type.name() + " on " + topic + ": " + e.getMessage(), e);
        }
        Gid gid = gid(writer.publisher.getGuid());
        try {
            announcement.writerAdded(gid);
        } catch (RosException e) {
            writer.close();
            throw new RosException(label + ": " + topic + ": cannot announce its writer: " + e.getMessage(), e);
        }
        return new RosPublisher<>() {
            @Override
            public void publish(T message) throws RosException {
                writer.publish(message);
            }

            @Override
            public void close() {
                announcement.writerRemoved(gid);
                writer.close();
            }
        };
    }

    @Override
    public <T> AutoCloseable subscribe(String topic, RosType<T> type, RosQos qos, RosListener<T> listener)
            throws RosException {
        checkTopic(topic);
        SubscriberListener<CdrTopicType.Sample<T>> taker = new SubscriberListener<>() {
            private final CdrTopicType.Sample<T> sample = new CdrTopicType.Sample<>();
            private final SampleInfo info = new SampleInfo();

            @Override
            public void onNewDataMessage(Subscriber<CdrTopicType.Sample<T>> subscriber) {
                // Fast DDS calls this once for each new sample, so one take per call drains the reader;
                // asking for more than there is would make the native library print a line each time.
                if (subscriber.takeNextData(sample, info)) {
                    if (sample.problem != null) {
                        listener.malformed(topic + " (" + type.name() + "): " + sample.problem);
                    } else if (sample.message != null) {
                        listener.message(sample.message);
                    }
                    sample.message = null;
                    sample.problem = null;
                }
            }

            @Override
            public void onSubscriptionMatched(Subscriber<CdrTopicType.Sample<T>> subscriber, MatchingInfo info) {
            }
        };
        Subscriber<CdrTopicType.Sample<T>> subscriber;
        try {
            CdrTopicType<T> topicType = registered(domain, participant, type);
            SubscriberAttributes attributes = SubscriberAttributes.create().topicDataType(topicType)
                    .topicName(ROS_TOPIC_PREFIX + topic).reliabilityKind(reliability(qos)).durabilityKind(durability(qos))
                    .historyDepth(qos.depth()).historyQosPolicyKind(HistoryQosKindPolicyType.KEEP_LAST);
            @SuppressWarnings("unchecked")
            Subscriber<CdrTopicType.Sample<T>> made = domain.createSubscriber(participant,
                    BoundedReaderAttributes.of(attributes), taker);
            subscriber = made;
        } catch (IOException | RuntimeException e) {
            throw new RosException(label + ": cannot subscribe to " + topic + " (" + type.name() + "): " + e.getMessage(), e);
        }
        Gid gid = gid(subscriber.getGuid());
        try {
            announcement.readerAdded(gid);
        } catch (RosException e) {
            domain.removeSubscriber(subscriber);
            throw new RosException(label + ": " + topic + ": cannot announce its reader: " + e.getMessage(), e);
        }
        return () -> {
            announcement.readerRemoved(gid);
            domain.removeSubscriber(subscriber);
        };
    }

    /** Leaves the ROS graph: the participant's end tells the other nodes that the node is gone. */
    @Override
    public void close() {
        remove(domain, participant);
    }

    private static void remove(Domain domain, Participant participant) {
        try {
            domain.removeParticipant(participant);
        } catch (IllegalArgumentException e) {
            // Already removed (ROS2Node.destroy tolerated the same): closing twice is harmless.
        }
    }

    /** The GUID as ROS 2 lists it: the library gives the prefix's 12 bytes and the entity id's 4 in wire order. */
    private static Gid gid(Guid guid) {
        byte[] bytes = new byte[Gid.GUID_BYTES];
        byte[] prefix = guid.getGuidPrefix().getValue();
        byte[] entity = guid.getEntity().getValue();
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(entity, 0, bytes, prefix.length, entity.length);
        return Gid.of(bytes);
    }

    /**
     * The type, registered with the participant if its name is new there: Fast DDS registers a type name
     * once per participant, and the library then serializes every topic of that name with the type
     * registered first (as ROS2Node did; one ROS type name has one layout).
     */
    private static <T> CdrTopicType<T> registered(Domain domain, Participant participant, RosType<T> type) {
        CdrTopicType<T> topicType = new CdrTopicType<>(type);
        if (domain.getRegisteredType(participant, topicType.getName()) == null) {
            domain.registerType(participant, topicType);
        }
        return topicType;
    }

    /** One DDS writer of Vigil's CDR samples. */
    private static final class Writer<T> implements RosPublisher<T> {
        private final Domain domain;
        private final Publisher publisher;
        private final String ddsTopic;
        private final CdrTopicType.Sample<T> sample = new CdrTopicType.Sample<>();

        private Writer(Domain domain, Publisher publisher, String ddsTopic) {
            this.domain = domain;
            this.publisher = publisher;
            this.ddsTopic = ddsTopic;
        }

        static <T> Writer<T> create(Domain domain, Participant participant, String ddsTopic, RosType<T> type, RosQos qos)
                throws IOException {
            PublisherAttributes attributes = PublisherAttributes.create().topicDataType(registered(domain, participant, type))
                    .topicName(ddsTopic).reliabilityKind(reliability(qos)).durabilityKind(durability(qos))
                    .historyDepth(qos.depth()).historyQosPolicyKind(HistoryQosKindPolicyType.KEEP_LAST)
                    .heartBeatPeriod(HEARTBEAT);
            return new Writer<>(domain, domain.createPublisher(participant, attributes), ddsTopic);
        }

        @Override
        public synchronized void publish(T message) throws RosException {
            if (!publisher.isAvailable()) {
                throw new RosException(ddsTopic + ": the writer is closed");
            }
            sample.message = message;
            try {
                publisher.write(sample);
            } catch (IOException | RuntimeException e) {
                throw new RosException(ddsTopic + ": " + e.getMessage(), e);
            } finally {
                sample.message = null;
            }
        }

        @Override
        public void close() {
            domain.removePublisher(publisher);
        }
    }

    private static void checkTopic(String topic) throws RosException {
        if (!RosNames.isTopic(topic)) {
            throw new RosException("\"" + topic + "\" is not an absolute ROS topic name (like /intents)");
        }
    }

    private static ReliabilityQosKindPolicyType reliability(RosQos qos) {
        return qos.reliability() == RosQos.Reliability.RELIABLE
                ? ReliabilityQosKindPolicyType.RELIABLE : ReliabilityQosKindPolicyType.BEST_EFFORT;
    }

    private static DurabilityQosKindPolicyType durability(RosQos qos) {
        return qos.durability() == RosQos.Durability.TRANSIENT_LOCAL
                ? DurabilityQosKindPolicyType.TRANSIENT_LOCAL : DurabilityQosKindPolicyType.VOLATILE;
    }
}
