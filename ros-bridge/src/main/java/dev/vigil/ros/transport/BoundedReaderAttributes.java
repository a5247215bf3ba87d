package dev.vigil.ros.transport;

import us.ihmc.pubsub.attributes.SubscriberAttributes;

import java.io.IOException;

/**
 * A reader whose samples Fast DDS keeps in buffers preallocated at the type's size bound
 * ({@code historyMemoryPolicy PREALLOCATED}), so that a sample larger than the bound is refused by the
 * DDS layer (one native log line) instead of reaching the library's copy into a Java buffer of that
 * bound, which overran it and killed the JVM (SIGSEGV in {@code takeNextData}, seen with a 1922×1080
 * rgba8 image on a type bounded at 1920×1080). The library has no setter for the policy: its XML
 * profile is amended.
 */
final class BoundedReaderAttributes extends SubscriberAttributes {

    private BoundedReaderAttributes() {
    }

    /** The same reader as {@code made} (topic, type, QoS), with preallocated history. */
    static BoundedReaderAttributes of(SubscriberAttributes made) {
        BoundedReaderAttributes a = new BoundedReaderAttributes();
        a.topicDataType(made.getTopicDataType()).topicName(made.getTopicName())
                .historyQosPolicyKind(made.getHistoryQosPolicyKind()).historyDepth(made.getHistoryDepth())
                .durabilityKind(made.getDurabilityKind()).reliabilityKind(made.getReliabilityKind());
        if (made.getPartitions() != null && !made.getPartitions().isEmpty()) {
            a.partitions(made.getPartitions());
        }
        return a;
    }

    @Override
    public String marshall(String profileName) throws IOException {
        String xml = super.marshall(profileName);
        if (!xml.contains("</data_reader>")) {
            throw new IOException("the DDS library's reader profile has no <data_reader>: cannot bound its memory");
        }
        return xml.replace("</data_reader>", "<historyMemoryPolicy>PREALLOCATED</historyMemoryPolicy></data_reader>");
    }
}
