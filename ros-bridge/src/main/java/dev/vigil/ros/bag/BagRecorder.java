package dev.vigil.ros.bag;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.ros.bridge.HriIntents;
import dev.vigil.ros.bridge.RosTopics;
import dev.vigil.ros.cdr.CdrException;
import dev.vigil.ros.msg.HriIntent;
import dev.vigil.ros.msg.RosType;
import dev.vigil.ros.msg.StdBool;
import dev.vigil.ros.msg.StdString;
import dev.vigil.ros.transport.RosQos;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Records the agent's outputs into a rosbag2 MCAP file, the messages {@code RosOutputs} publishes on
 * ROS 2, on the same topics and with the same mapping ({@link HriIntents}):
 * {@code /intents} ({@code hri_actions_msgs/Intent}), {@code /robot_utterance} ({@code std_msgs/String}, as
 * each utterance starts) and {@code /robot_speaking} ({@code std_msgs/Bool}); names from {@link RosTopics},
 * QoS in the bag ROS 2's default (reliable, volatile, keep last 10), as published.
 * <p>
 * <b>Times.</b> Log time (and publish time) is the wall clock, ns since the Unix epoch, read on the event
 * loop as the bus delivers the message, as rosbag2 stamps a message when it receives it; the bus
 * messages' own {@code atNanos} are session time, not wall clock, and are not used.
 * <p>
 * <b>Threads.</b> Nothing is written on the event loop: each message is queued (at most
 * {@value #QUEUE}) for a writer thread of its own that encodes and writes it; more are dropped, counted
 * ({@link #dropped()}) and logged once. Each channel's sequence number counts every message that came,
 * so a dropped one leaves a gap in the bag. The writer closes a chunk at 256 KiB or 1 s (it checks every
 * {@value #IDLE_MS} ms while idle), so a killed run keeps all but its last second.
 */
public final class BagRecorder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BagRecorder.class.getName());
    static final int QUEUE = 1024;
    static final long IDLE_MS = 100;

    /** One message on its way to the file. */
    private record Entry<T>(Topic<T> topic, T message, long sequence, long logTimeNanos) {
    }

    /** One recorded topic: its channel, type and message counter. */
    private static final class Topic<T> {
        final int channel;
        final RosType<T> type;
        final AtomicLong sequence = new AtomicLong();

        Topic(int channel, RosType<T> type) {
            this.channel = channel;
            this.type = type;
        }
    }

    private final McapWriter writer;
    private final BlockingQueue<Entry<?>> queue;
    private final Topic<HriIntent> intents;
    private final Topic<StdString> utterances;
    private final Topic<StdBool> speaking;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile IOException failure;

    private BagRecorder(McapWriter writer, RosTopics topics, int capacity) {
        this.writer = writer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        intents = new Topic<>(Ros2Bag.addTopic(writer, topics.intents(), HriIntent.TYPE, RosQos.DEFAULT), HriIntent.TYPE);
        utterances = new Topic<>(Ros2Bag.addTopic(writer, topics.utterances(), StdString.TYPE, RosQos.DEFAULT), StdString.TYPE);
        speaking = new Topic<>(Ros2Bag.addTopic(writer, topics.robotSpeaking(), StdBool.TYPE, RosQos.DEFAULT), StdBool.TYPE);
        thread = new Thread(this::run, "vigil-bag-writer");
        thread.setDaemon(true);
    }

    /**
     * Creates {@code file} (an MCAP file, profile {@code ros2}) and starts its writer thread; nothing is
     * recorded until {@link #attach}.
     *
     * @param options chunking and compression ({@link McapWriter.Options#ROS2}: uncompressed, 256 KiB or 1 s)
     * @throws IOException the file cannot be created
     */
    public static BagRecorder open(Path file, RosTopics topics, McapWriter.Options options) throws IOException {
        return open(file, topics, options, QUEUE);
    }

    static BagRecorder open(Path file, RosTopics topics, McapWriter.Options options, int capacity) throws IOException {
        McapWriter writer = McapWriter.create(file, options);
        BagRecorder recorder = new BagRecorder(writer, topics, capacity);
        recorder.thread.start();
        return recorder;
    }

    /** Records the agent's messages on {@code bus} from now on; call once, on the bus's event loop or before it runs. */
    public void attach(EventBus bus) {
        consumers.add(bus.<Intent>localConsumer(Addresses.INTENTS, m -> offer(intents, HriIntents.of(m.body()))));
        consumers.add(bus.<UtteranceStarted>localConsumer(Addresses.UTTERANCE_STARTED,
                m -> offer(utterances, new StdString(m.body().text()))));
        consumers.add(bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING,
                m -> offer(speaking, new StdBool(m.body().speaking()))));
    }

    /** Messages written to the file. */
    public long recorded() {
        return recorded.get();
    }

    /** Messages dropped: the queue was full, the recorder was closing, or the file could not be written. */
    public long dropped() {
        return dropped.get();
    }

    /** The file being written. */
    public Path file() {
        return writer.file();
    }

    private <T> void offer(Topic<T> topic, T message) {
        long sequence = topic.sequence.incrementAndGet();
        Instant now = Instant.now();
        long logTime = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (stopping || failure != null || !queue.offer(new Entry<>(topic, message, sequence, logTime))) {
            if (dropped.getAndIncrement() == 0) {
                LOG.warning("bag " + writer.file() + ": the writer fell behind or stopped; dropping messages (counted)");
            }
        }
    }

    private void run() {
        try {
            while (!stopping || !queue.isEmpty()) {
                Entry<?> entry = queue.poll(IDLE_MS, TimeUnit.MILLISECONDS);
                if (failure != null) {
                    if (entry != null) {
                        dropped.incrementAndGet();
                    }
                    continue;
                }
                try {
                    if (entry == null) {
                        writer.flushIfDue();
                    } else {
                        write(entry);
                    }
                } catch (IOException e) {
                    failure = e;
                    dropped.incrementAndGet();
                    LOG.warning("bag " + writer.file() + ": " + e.getMessage() + "; recording stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> void write(Entry<T> e) throws IOException {
        byte[] data;
        try {
            data = BagCdr.encode(e.topic().type, e.message());
        } catch (CdrException ex) {
            // A message too large for its type: ROS would refuse it too. Counted, the recording goes on.
            dropped.incrementAndGet();
            LOG.warning("bag " + writer.file() + ": " + ex.getMessage());
            return;
        }
        writer.write(e.topic().channel, e.sequence(), e.logTimeNanos(), e.logTimeNanos(), data);
        recorded.incrementAndGet();
    }

    /**
     * Stops recording, writes what is queued, and finishes the file (last chunk, summary, footer).
     *
     * @throws IOException writing the file failed (now or earlier: then the file holds the chunks written before)
     */
    @Override
    public void close() throws IOException {
        for (MessageConsumer<?> consumer : consumers) {
            try {
                consumer.unregister();
            } catch (RejectedExecutionException closed) {
                // The agent stopped first and closed its bus: the consumer went with it.
            }
        }
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        writer.close();
        if (failure != null) {
            throw new IOException("recording " + writer.file() + " failed: " + failure.getMessage(), failure);
        }
    }
}
