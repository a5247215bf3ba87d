package dev.vigil.launch;

import dev.vigil.launch.config.RosSettings;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.launch.ros.RosMicrophone;
import dev.vigil.launch.ros.RosSpeaker;
import dev.vigil.ros.bridge.RosDiagnostics;
import dev.vigil.ros.bridge.RosOutputs;
import dev.vigil.ros.bridge.RosSayInput;
import dev.vigil.ros.camera.RosCameraIn;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.ros.transport.InputProblems;
import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.InputRejected;
import io.vertx.core.eventbus.EventBus;
import dev.vigil.ros.bridge.RosTopics;
import dev.vigil.ros.transport.DdsTransport;
import dev.vigil.ros.transport.RosException;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's place on the ROS graph for {@code vigil run --ros}: its DDS participant, its outputs,
 * and its microphone and loudspeaker when those are ROS topics.
 */
final class RosNode implements AutoCloseable {

    private final DdsTransport transport;
    private final RosOutputs outputs;
    private final RosDiagnostics diagnostics;
    private final RosSettings settings;
    private final String description;
    private final Supplier<Map<String, Long>> agentCounters;
    private RosSayInput sayInput;
    private volatile RosCameraIn camera;
    /** The session clock, for the camera frames' capture times: set before {@link #attach}. */
    private Clock clock = new WallClock();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RosNode.class.getName());

    /** @throws RosException the diagnostics publisher could not be created */
    private RosNode(DdsTransport transport, RosOutputs outputs, RosSettings settings, Supplier<Map<String, Long>> counters,
                    String description) throws RosException {
        this.transport = transport;
        this.outputs = outputs;
        this.settings = settings;
        this.agentCounters = counters;
        this.description = description;
        this.diagnostics = RosDiagnostics.open(transport, settings.topics().diagnostics(), settings.nodeName(),
                this::counters, () -> Map.of("engines", engines(dev.vigil.engines.Engines.choices())));
    }

    /**
     * Each model's backend for {@code /diagnostics}: model to {@code backend}, with {@code (skipped b:
     * reason; …)} when backends before it were passed over.
     */
    static Map<String, String> engines(List<dev.vigil.engines.BackendChoice> choices) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (dev.vigil.engines.BackendChoice c : choices) {
            values.put(c.model(), c.skipped().isEmpty() ? c.chosen() : c.chosen() + " (skipped "
                    + c.skipped().stream().map(s -> s.backend() + ": " + s.reason())
                    .collect(java.util.stream.Collectors.joining("; ")) + ")");
        }
        return values;
    }

    /** The agent's counters, and the bridge's own beside them: what DDS could not take, the camera's. */
    private Map<String, Long> counters() {
        Map<String, Long> all = new java.util.TreeMap<>(agentCounters.get());
        all.put("vigil.ros.outputs.dropped", outputs.dropped());
        RosCameraIn c = camera;
        if (c != null) {
            all.put("vigil.ros.camera.received", c.received());
            all.put("vigil.ros.camera.delivered", c.delivered());
            all.put("vigil.ros.camera.dropped", c.dropped());
        }
        return all;
    }

    /**
     * Joins the ROS domain and creates the output publishers.
     *
     * @param counters the agent's telemetry counters, for {@code /diagnostics} (read once a second from
     *                 {@link #attach}; may be empty until the agent is built)
     * @throws SetupException the address does not resolve, or DDS refused (one line naming the setting)
     */
    static RosNode join(RosSettings settings, Supplier<Map<String, Long>> counters) throws SetupException {
        InetAddress bind = null;
        if (settings.interfaceAddress() != null) {
            try {
                bind = InetAddress.getByName(settings.interfaceAddress());
                // Fast DDS would log that every interface was filtered out and run deaf and mute.
                if (NetworkInterface.getByInetAddress(bind) == null) {
                    throw new SetupException("ros.interface_address: " + settings.interfaceAddress()
                            + " is not an address of this machine");
                }
            } catch (UnknownHostException e) {
                throw new SetupException("ros.interface_address: no such address: " + settings.interfaceAddress());
            } catch (SocketException e) {
                throw new SetupException("ros.interface_address: cannot list this machine's interfaces: " + e.getMessage());
            }
        }
        int domain;
        try {
            domain = settings.domain();
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage());
        }
        RosTopics topics = settings.outputTopics();
        DdsTransport transport;
        try {
            transport = DdsTransport.open(settings.nodeName(), domain, bind, settings.gidLayout());
        } catch (RosException e) {
            throw new SetupException(e.getMessage());
        }
        RosOutputs outputs = null;
        try {
            outputs = RosOutputs.open(transport, topics);
            return new RosNode(transport, outputs, settings, counters, "on ROS 2 as node " + settings.nodeName() + " (domain " + domain
                    + ", announced for " + settings.distribution()
                    + (bind == null ? "" : ", " + bind.getHostAddress() + " only") + "): publishing "
                    + topics.intents() + ", " + topics.utterances() + ", " + topics.robotSpeaking() + ", "
                    + topics.voices() + "/…, " + settings.topics().diagnostics() + "; taking requests to speak on "
                    + settings.topics().say() + camera(settings.topics()));
        } catch (RosException e) {
            if (outputs != null) {
                outputs.close();
            }
            transport.close();
            throw new SetupException(e.getMessage());
        }
    }

    private static String camera(RosSettings.Topics t) {
        if (t.image() == null && t.imageCompressed() == null) {
            return "";
        }
        return "; camera images from " + (t.image() == null ? "" : t.image())
                + (t.image() != null && t.imageCompressed() != null ? " and " : "")
                + (t.imageCompressed() == null ? "" : t.imageCompressed());
    }

    /** The session clock camera frames are stamped on; call before {@link #attach}. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /**
     * The microphone as this node's audio topics ({@code ros.topics.audio}, {@code ros.topics.audio_info}),
     * read in {@code ros.audio_format} until the first {@code AudioInfo}.
     *
     * @param channel the 0-based channel to keep, or -1 to mix down
     */
    MicrophoneSource microphone(int channel) {
        return settings.audioMessages().equals(RosSettings.MGONZS13)
                ? RosMicrophone.mgonzs13(transport, settings.topics().audio(), channel)
                : new RosMicrophone(transport, settings.topics().audio(), settings.topics().audioInfo(),
                settings.audioFormat().pcm(), channel);
    }

    /** The loudspeaker as this node's topics ({@code ros.topics.robot_audio}, {@code ros.topics.robot_audio_info}). */
    SpeakerSink speaker() {
        return new RosSpeaker(transport, settings.topics().robotAudio(), settings.topics().robotAudioInfo(),
                settings.speakerLatencyMs());
    }

    /**
     * Publishes the agent's outputs and diagnostics from its bus from now on, and takes behaviours'
     * requests to speak from {@code ros.topics.say}.
     */
    void attach(EventBus bus) {
        outputs.attach(bus);
        diagnostics.attach(bus);
        RosSettings.Topics t = settings.topics();
        if (t.image() != null || t.imageCompressed() != null) {
            String input = t.image() != null ? t.image() : t.imageCompressed();
            InputProblems cameraProblems = new InputProblems("ROS camera " + input, (kind, line) ->
                    bus.publish(Addresses.INPUT_REJECTED, new InputRejected("ros:" + input, kind, line)));
            try {
                camera = RosCameraIn.open(transport, t.image(), t.imageCompressed(), clock,
                        frame -> bus.publish(Addresses.CAMERA_FRAMES, frame), cameraProblems);
            } catch (RosException e) {
                LOG.warning("ROS: cannot take camera images from " + input + ": " + e.getMessage());
            }
        }
        String topic = settings.topics().say();
        InputProblems problems = new InputProblems("ROS " + topic, (kind, line) ->
                bus.publish(Addresses.INPUT_REJECTED, new InputRejected("ros:" + topic, kind, line)));
        try {
            sayInput = RosSayInput.open(transport, topic, bus, problems);
        } catch (RosException e) {
            // The outputs work; only this input is missing: said, and the agent goes on.
            LOG.warning("ROS: cannot take requests to speak on " + topic + ": " + e.getMessage());
        }
    }

    String describe() {
        return description;
    }

    @Override
    public void close() {
        if (camera != null) {
            camera.close();
        }
        if (sayInput != null) {
            sayInput.close();
        }
        diagnostics.close();
        outputs.close();
        transport.close();
    }
}
