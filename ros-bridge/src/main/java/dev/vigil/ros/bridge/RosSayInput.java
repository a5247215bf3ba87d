package dev.vigil.ros.bridge;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosListener;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;
import io.vertx.core.eventbus.EventBus;

/**
 * Robot behaviours speak through the agent: each {@code std_msgs/String} on {@code /say} becomes a
 * {@link SayRequest} (source {@code ros:/say}), which the duplex core says when the floor is free, never
 * over the user. Reliable, volatile, keep last 10 (ROS 2's default, as {@code ros2 topic pub} sends).
 * A blank text or a malformed sample is counted and logged once per kind ({@link InputProblems}).
 */
public final class RosSayInput implements AutoCloseable {

    /** The longest text taken; a longer one is refused (a behaviour's bug, not speech). */
    public static final int MAX_CHARS = 2_000;

    private final AutoCloseable subscription;

    private RosSayInput(AutoCloseable subscription) {
        this.subscription = subscription;
    }

    /**
     * Subscribes; requests go to {@code bus} from the DDS thread (publishing on the bus is thread-safe).
     *
     * @throws RosException the topic name is not valid, or DDS refused (one line)
     */
    public static RosSayInput open(RosTransport ros, String topic, EventBus bus, InputProblems problems) throws RosException {
        String source = "ros:" + topic;
        return new RosSayInput(ros.subscribe(topic, StdString.TYPE, RosQos.DEFAULT, new RosListener<>() {
            @Override
            public void message(StdString message) {
                String text = message.data();
                if (text == null || text.isBlank()) {
                    problems.report("blank", "a blank text: nothing to say");
                } else if (text.length() > MAX_CHARS) {
                    problems.report("too_long", text.length() + " characters, more than " + MAX_CHARS);
                } else {
                    bus.publish(Addresses.SAY_REQUESTS, new SayRequest(text.strip(), false, source));
                }
            }

            @Override
            public void malformed(String problem) {
                problems.report("malformed", problem);
            }
        }));
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // Leaving the graph ends it anyway.
        }
    }
}
