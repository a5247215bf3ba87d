package dev.vigil.ros.bridge;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.IdsList;
import dev.vigil.ros.msg.LiveSpeech;
import dev.vigil.ros.msg.RosHeader;
import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.msg.StdBool;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.RosException;
import dev.vigil.ros.transport.RosPublisher;
import dev.vigil.ros.transport.RosQos;
import dev.vigil.ros.transport.RosTransport;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What the agent says and decides, on ROS 2 topics for robot behaviours:
 * <ul>
 *   <li>{@code /intents} ({@code hri_actions_msgs/Intent}, {@link HriIntents}) as each is published;
 *   <li>{@code /robot_utterance} ({@code std_msgs/String}) as each utterance starts playing;
 *   <li>{@code /robot_speaking} ({@code std_msgs/Bool}) as the robot starts and stops talking;
 *   <li>the user's voice as ROS4HRI names it, so libhri-based nodes find it:
 *   {@code /humans/voices/anonymous_speaker/speech} ({@code hri_msgs/LiveSpeech}: each partial
 *   transcript as {@code incremental}, each final one with words as {@code final}),
 *   {@code /humans/voices/anonymous_speaker/is_speaking} ({@code std_msgs/Bool}, as the user's voice
 *   starts and stops: echo never counts) and {@code /humans/voices/tracked} ({@code hri_msgs/IdsList},
 *   the voice's id, once a second: the microphone always hears it).
 * </ul>
 * Topic names come from {@link RosTopics}; QoS is ROS 2's default (reliable, volatile, keep last 10).
 * Messages leave on a thread of their own, never the event loop (a reliable write may wait for room);
 * at most {@value #QUEUE} wait, more are dropped and counted ({@link #dropped()}).
 */
public final class RosOutputs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RosOutputs.class.getName());
    static final int QUEUE = 256;

    private final RosTopics topics;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private RosPublisher<HriIntent> intents;
    private RosPublisher<StdString> utterances;
    private RosPublisher<StdBool> speaking;
    private RosPublisher<LiveSpeech> speech;
    private RosPublisher<StdBool> voiceSpeaking;
    private RosPublisher<IdsList> tracked;
    private ScheduledExecutorService trackedTimer;
    private final List<RosPublisher<?>> publishers = new ArrayList<>();
    private final ThreadPoolExecutor sender;
    private final AtomicLong dropped = new AtomicLong();
    private final Set<RosPublisher<?>> failing = ConcurrentHashMap.newKeySet();

    private RosOutputs(RosTopics topics) {
        this.topics = topics;
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "vigil-ros-out");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> {
            if (dropped.getAndIncrement() == 0) {
                LOG.warning("ROS outputs: more than " + QUEUE + " messages waiting for DDS; dropping (counted)");
            }
        });
    }

    /**
     * Creates the publishers; nothing is sent until {@link #attach} (so that the node is on the graph,
     * and matched, before the agent starts).
     *
     * @throws RosException a publisher could not be created (one line)
     */
    public static RosOutputs open(RosTransport ros, RosTopics topics) throws RosException {
        RosOutputs outputs = new RosOutputs(topics);
        try {
            outputs.intents = outputs.publisher(ros, topics.intents(), HriIntent.TYPE);
            outputs.utterances = outputs.publisher(ros, topics.utterances(), StdString.TYPE);
            outputs.speaking = outputs.publisher(ros, topics.robotSpeaking(), StdBool.TYPE);
            outputs.speech = outputs.publisher(ros, topics.speech(), LiveSpeech.TYPE);
            outputs.voiceSpeaking = outputs.publisher(ros, topics.isSpeaking(), StdBool.TYPE);
            outputs.tracked = outputs.publisher(ros, topics.tracked(), IdsList.TYPE);
            return outputs;
        } catch (RosException | RuntimeException e) {
            outputs.close();
            throw e;
        }
    }

    /** Publishes the agent's messages on {@code bus} from now on; call once, on the bus's event loop or before it runs. */
    public void attach(EventBus bus) {
        consumers.add(bus.<Intent>localConsumer(Addresses.INTENTS,
                m -> send(intents, HriIntents.of(m.body()))));
        consumers.add(bus.<UtteranceStarted>localConsumer(Addresses.UTTERANCE_STARTED,
                m -> send(utterances, new StdString(m.body().text()))));
        consumers.add(bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING,
                m -> send(speaking, new StdBool(m.body().speaking()))));
        consumers.add(bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, m -> {
            LiveSpeech heard = liveSpeech(m.body());
            if (heard != null) {
                send(speech, heard);
            }
        }));
        consumers.add(bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> send(voiceSpeaking, new StdBool(true))));
        consumers.add(bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> send(voiceSpeaking, new StdBool(false))));
        trackedTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-ros-voices");
            t.setDaemon(true);
            return t;
        });
        trackedTimer.scheduleAtFixedRate(() -> send(tracked,
                new IdsList(RosHeader.at(Instant.now(), ""), List.of(topics.voiceId()))), 0, 1, TimeUnit.SECONDS);
    }

    /**
     * A transcript as ROS4HRI's live speech: a partial as {@code incremental}, a final as {@code final};
     * null for one without words (a cough's empty final). The text is the agent's reading, the one its
     * intents come from.
     */
    static LiveSpeech liveSpeech(Transcript t) {
        if (t.text() == null || t.text().isBlank()) {
            return null;
        }
        RosHeader now = RosHeader.at(Instant.now(), "");
        String language = t.language() == null ? "" : t.language();
        return t.isFinal() ? new LiveSpeech(now, "", t.text(), t.confidence(), language)
                : new LiveSpeech(now, t.text(), "", t.confidence(), language);
    }

    /** Messages dropped because DDS fell behind. */
    public long dropped() {
        return dropped.get();
    }

    private <T> RosPublisher<T> publisher(RosTransport ros, String topic, RosType<T> type) throws RosException {
        RosPublisher<T> publisher = ros.publisher(topic, type, RosQos.DEFAULT);
        publishers.add(publisher);
        return publisher;
    }

    private <T> void send(RosPublisher<T> publisher, T message) {
        sender.execute(() -> {
            try {
                publisher.publish(message);
                failing.remove(publisher);
            } catch (RosException e) {
                // The message names the topic; a topic that keeps failing is logged once.
                if (failing.add(publisher)) {
                    LOG.warning("ROS outputs: " + e.getMessage());
                }
            }
        });
    }

    /** Stops publishing: after the agent stopped (its last messages sent), or before it started. */
    @Override
    public void close() {
        if (trackedTimer != null) {
            trackedTimer.shutdownNow();
        }
        for (MessageConsumer<?> consumer : consumers) {
            try {
                consumer.unregister();
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The agent stopped first and closed its bus: the consumer went with it.
            }
        }
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishers.forEach(RosPublisher::close);
    }
}
