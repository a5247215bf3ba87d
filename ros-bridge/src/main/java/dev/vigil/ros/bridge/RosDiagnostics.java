package dev.vigil.ros.bridge;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.ComponentRecovered;
import dev.vigil.ros.msg.DiagnosticArray;
import dev.vigil.ros.msg.DiagnosticArray.Level;
import dev.vigil.ros.msg.DiagnosticArray.Status;
import dev.vigil.ros.msg.RosHeader;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosPublisher;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The agent's health on {@code /diagnostics} ({@code diagnostic_msgs/DiagnosticArray}) once a second, as
 * ROS 2 nodes report theirs to {@code rqt_robot_monitor} and the diagnostic aggregator:
 * <ul>
 *   <li>{@code <node>: agent}: OK while it runs, with every telemetry counter as a key-value pair
 *   (audio dropped by lane, inputs rejected, errors by component, voice segments, echo rejected, …);
 *   <li>{@code <node>: <component>} for each component that reported an error ({@link ComponentError}):
 *   ERROR with its last message until it recovers ({@link ComponentRecovered}), then OK;
 *   <li>{@code <node>: <group>} for each group of facts the agent adds (OK, its key-value pairs), e.g.
 *   {@code engines}: each model's backend and why the ones before it were skipped.
 * </ul>
 * Published from a thread of its own, never the event loop; a publish that fails is logged once.
 */
public final class RosDiagnostics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RosDiagnostics.class.getName());

    private final String node;
    private final Supplier<Map<String, Long>> counters;
    private final Supplier<Map<String, Map<String, String>>> groups;
    private final RosPublisher<DiagnosticArray> publisher;
    private final Map<String, Status> components = new ConcurrentHashMap<>();
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    private RosDiagnostics(String node, Supplier<Map<String, Long>> counters,
                           Supplier<Map<String, Map<String, String>>> groups, RosPublisher<DiagnosticArray> publisher) {
        this.node = node;
        this.counters = counters;
        this.groups = groups;
        this.publisher = publisher;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-ros-diagnostics");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param topic    usually {@code /diagnostics}
     * @param node     the node's name, the prefix of every status name
     * @param counters the agent's telemetry counters by name (with attributes in braces)
     * @throws RosException the publisher could not be created (one line)
     */
    public static RosDiagnostics open(RosTransport ros, String topic, String node, Supplier<Map<String, Long>> counters)
            throws RosException {
        return open(ros, topic, node, counters, Map::of);
    }

    /**
     * @param groups more facts, read once a second: group name to its key-value pairs, each group an OK
     *               status {@code <node>: <group>}
     * @throws RosException the publisher could not be created (one line)
     */
    public static RosDiagnostics open(RosTransport ros, String topic, String node, Supplier<Map<String, Long>> counters,
                                      Supplier<Map<String, Map<String, String>>> groups) throws RosException {
        return new RosDiagnostics(node, counters, groups, ros.publisher(topic, DiagnosticArray.TYPE, RosQos.DEFAULT));
    }

    /** Follows the components' errors on {@code bus} and starts publishing once a second. */
    public void attach(EventBus bus) {
        consumers.add(bus.<ComponentError>localConsumer(Addresses.ERRORS, m -> components.put(m.body().component(),
                status(Level.ERROR, m.body().component(), m.body().message()))));
        consumers.add(bus.<ComponentRecovered>localConsumer(Addresses.RECOVERED, m -> components.put(m.body().component(),
                status(Level.OK, m.body().component(), m.body().message()))));
        timer.scheduleAtFixedRate(this::publish, 0, 1, TimeUnit.SECONDS);
    }

    /** What is published now. */
    DiagnosticArray snapshot() {
        Map<String, String> values = new LinkedHashMap<>();
        new TreeMap<>(counters.get()).forEach((k, v) -> values.put(k, Long.toString(v)));
        List<Status> status = new ArrayList<>();
        status.add(new Status(Level.OK, node + ": agent", "running", "", values));
        new TreeMap<>(groups.get()).forEach((group, facts) ->
                status.add(new Status(Level.OK, node + ": " + group, "", "", facts)));
        new TreeMap<>(components).values().forEach(status::add);
        return new DiagnosticArray(RosHeader.at(Instant.now(), ""), status);
    }

    private Status status(Level level, String component, String message) {
        return new Status(level, node + ": " + component, message, "", Map.of());
    }

    private void publish() {
        try {
            publisher.publish(snapshot());
            failing = false;
        } catch (RosException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warning("ROS diagnostics: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (MessageConsumer<?> consumer : consumers) {
            try {
                consumer.unregister();
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The agent's bus closed first.
            }
        }
        publisher.close();
    }
}
