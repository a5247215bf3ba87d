package dev.vigil.ros.transport;

import dev.vigil.ros.msg.RosType;
import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.TransportDescriptorType;
import jakarta.xml.bind.JAXBElement;
import us.ihmc.pubsub.DomainFactory;
import us.ihmc.pubsub.DomainFactory.PubSubImplementation;
import us.ihmc.pubsub.attributes.ParticipantProfile;
import us.ihmc.pubsub.common.Time;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.common.SampleInfo;
import us.ihmc.pubsub.subscriber.Subscriber;
import us.ihmc.ros2.NewMessageListener;
import us.ihmc.ros2.ROS2Node;
import us.ihmc.ros2.ROS2NodeInterface;
import us.ihmc.ros2.ROS2PublisherBasics;
import us.ihmc.ros2.ROS2QosProfile;
import us.ihmc.ros2.ROS2Subscription;

import javax.xml.namespace.QName;
import java.net.InetAddress;
import java.util.UUID;

/**
 * {@link RosTransport} on real DDS: eProsima Fast DDS through IHMC's {@code ihmc-ros2-library} (JNI;
 * natives for linux x86-64 and aarch64 in the jar). One DDS participant per node. Every QoS is set
 * explicitly; message types are Vigil's own ({@link RosType}, CDR written by {@code CdrWriter}), not
 * the library's generated ones (its stock {@code sensor_msgs/Image} bounds data at 100 bytes and
 * crashed the JVM on a camera frame).
 */
public final class DdsTransport implements RosTransport {

    /** The UDP sockets' send and receive buffers asked for: 8 MiB. */
    public static final long SOCKET_BUFFER_BYTES = 8L * 1024 * 1024;
    private static final String FAST_DDS_PROFILES = "http://www.eprosima.com/XMLSchemas/fastRTPS_Profiles";

    private final ROS2Node node;
    private final String label;

    private DdsTransport(ROS2Node node, String label) {
        this.node = node;
        this.label = label;
    }

    /**
     * Joins the ROS graph as node {@code name}.
     *
     * @param name     the node's name (letters, digits, '_')
     * @param domainId the ROS domain (0–232; {@code ROS_DOMAIN_ID})
     * @param bindTo   the only local address to use (e.g. 127.0.0.1 for a robot alone on its loopback), or
     *                 null for every interface
     * @throws RosException the DDS participant could not be created (one line)
     */
    public static DdsTransport open(String name, int domainId, InetAddress bindTo) throws RosException {
        if (!RosNames.isDomainId(domainId)) {
            throw new RosException("ROS domain id " + domainId + " is outside 0–232");
        }
        if (!RosNames.isNode(name)) {
            throw new RosException("\"" + name + "\" is not a ROS node name (letters, digits, _)");
        }
        try {
            ROS2Node node = new ROS2Node(DomainFactory.getDomain(PubSubImplementation.FAST_RTPS), name, "",
                    participant(domainId, bindTo));
            return new DdsTransport(node, "ROS node " + name + " (domain " + domainId + ")");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new RosException("cannot join ROS domain " + domainId + " as " + name + ": " + e.getMessage(), e);
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
        ROS2PublisherBasics<CdrTopicType.Sample<T>> publisher;
        try {
            publisher = node.createPublisher(new CdrTopicType<>(type), topic, profile(qos));
        } catch (RuntimeException e) {
            throw new RosException(label + ": cannot publish " + type.name() + " on " + topic + ": " + e.getMessage(), e);
        }
        return new RosPublisher<>() {
            private final CdrTopicType.Sample<T> sample = new CdrTopicType.Sample<>();

            @Override
            public synchronized void publish(T message) throws RosException {
                sample.message = message;
                try {
                    if (!publisher.publish(sample)) {
                        throw new RosException(topic + ": the DDS layer did not take the message");
                    }
                } catch (RuntimeException e) {
                    throw new RosException(topic + ": " + e.getMessage(), e);
                } finally {
                    sample.message = null;
                }
            }

            @Override
            public void close() {
                publisher.remove();
            }
        };
    }

    @Override
    public <T> AutoCloseable subscribe(String topic, RosType<T> type, RosQos qos, RosListener<T> listener)
            throws RosException {
        checkTopic(topic);
        NewMessageListener<CdrTopicType.Sample<T>> taker = new NewMessageListener<>() {
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
        try {
            CdrTopicType<T> topicType = new CdrTopicType<>(type);
            ROS2Subscription<CdrTopicType.Sample<T>> subscription = node.createSubscription(topicType, taker,
                    BoundedReaderAttributes.of(node.createSubscriberAttributes(topic, topicType, profile(qos))));
            return subscription::remove;
        } catch (RuntimeException e) {
            throw new RosException(label + ": cannot subscribe to " + topic + " (" + type.name() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        node.destroy();
    }

    private static void checkTopic(String topic) throws RosException {
        if (!RosNames.isTopic(topic)) {
            throw new RosException("\"" + topic + "\" is not an absolute ROS topic name (like /intents)");
        }
    }

    private static ROS2QosProfile profile(RosQos qos) {
        return new ROS2QosProfile(HistoryQosKindPolicyType.KEEP_LAST, qos.depth(),
                qos.reliability() == RosQos.Reliability.RELIABLE
                        ? ReliabilityQosKindPolicyType.RELIABLE : ReliabilityQosKindPolicyType.BEST_EFFORT,
                qos.durability() == RosQos.Durability.TRANSIENT_LOCAL
                        ? DurabilityQosKindPolicyType.TRANSIENT_LOCAL : DurabilityQosKindPolicyType.VOLATILE,
                false);
    }
}
