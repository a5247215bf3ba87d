package dev.vigil.launch;

import dev.vigil.launch.config.RosSettings;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.launch.ros.RosMicrophone;
import dev.vigil.launch.ros.RosSpeaker;
import dev.vigil.ros.bridge.RosOutputs;
import dev.vigil.ros.bridge.RosTopics;
import dev.vigil.ros.transport.DdsTransport;
import dev.vigil.ros.transport.RosException;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * The agent's place on the ROS graph for {@code vigil run --ros}: its DDS participant, its outputs,
 * and its microphone and loudspeaker when those are ROS topics.
 */
final class RosNode implements AutoCloseable {

    private final DdsTransport transport;
    private final RosOutputs outputs;
    private final RosSettings settings;
    private final String description;

    private RosNode(DdsTransport transport, RosOutputs outputs, RosSettings settings, String description) {
        this.transport = transport;
        this.outputs = outputs;
        this.settings = settings;
        this.description = description;
    }

    /**
     * Joins the ROS domain and creates the output publishers.
     *
     * @throws SetupException the address does not resolve, or DDS refused (one line naming the setting)
     */
    static RosNode join(RosSettings settings) throws SetupException {
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
            transport = DdsTransport.open(settings.nodeName(), domain, bind);
        } catch (RosException e) {
            throw new SetupException(e.getMessage());
        }
        try {
            RosOutputs outputs = RosOutputs.open(transport, topics);
            return new RosNode(transport, outputs, settings, "on ROS 2 as node " + settings.nodeName() + " (domain " + domain
                    + (bind == null ? "" : ", " + bind.getHostAddress() + " only") + "): publishing "
                    + topics.intents() + ", " + topics.utterances() + ", " + topics.robotSpeaking() + ", "
                    + topics.voices() + "/…");
        } catch (RosException e) {
            transport.close();
            throw new SetupException(e.getMessage());
        }
    }

    /**
     * The microphone as this node's audio topics ({@code ros.topics.audio}, {@code ros.topics.audio_info}),
     * read in {@code ros.audio_format} until the first {@code AudioInfo}.
     *
     * @param channel the 0-based channel to keep, or -1 to mix down
     */
    MicrophoneSource microphone(int channel) {
        return new RosMicrophone(transport, settings.topics().audio(), settings.topics().audioInfo(),
                settings.audioFormat().pcm(), channel);
    }

    /** The loudspeaker as this node's topics ({@code ros.topics.robot_audio}, {@code ros.topics.robot_audio_info}). */
    SpeakerSink speaker() {
        return new RosSpeaker(transport, settings.topics().robotAudio(), settings.topics().robotAudioInfo(),
                settings.speakerLatencyMs());
    }

    RosOutputs outputs() {
        return outputs;
    }

    String describe() {
        return description;
    }

    @Override
    public void close() {
        outputs.close();
        transport.close();
    }
}
