package dev.vigil.launch.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event stream as JSON Lines (one JSON object per line, flushed per line) to a file or to
 * standard output. Each object starts with {@code type}, {@code t_s} and, for media events,
 * {@code media_t_s}, then the type's fields (docs/events.md).
 * <p>
 * Writing happens on a thread of its own ({@code vigil-events}) behind a bounded queue, because
 * {@link #accept} is called on the agent's event loop, which must never wait for a disk or a pipe.
 * If the queue is full (the reader of a pipe stopped reading), events are dropped and counted
 * ({@link #dropped()}), never buffered without limit.
 */
public final class JsonLinesSink implements EventSink {

    /** Events that may wait for the writer. */
    static final int QUEUE = 16_384;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AgentEvent POISON = AgentEvent.of("", 0).build();

    private final String name;
    private final Writer writer;
    private final boolean closeWriter;
    private final BlockingQueue<AgentEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile IOException failure;
    private volatile boolean closed;

    private JsonLinesSink(String name, Writer writer, boolean closeWriter) {
        this.name = name;
        this.writer = writer;
        this.closeWriter = closeWriter;
        this.thread = new Thread(this::drain, "vigil-events");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param file created or truncated; its folder is created
     * @throws IOException it cannot be opened for writing (the message names the file)
     */
    public static JsonLinesSink toFile(Path file) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new JsonLinesSink(file.toString(), Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new IOException("events file " + file + ": cannot write (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Writes to {@code out} (standard output for {@code --events -}); {@code out} is flushed, not closed. */
    public static JsonLinesSink toStream(OutputStream out, String name) {
        return new JsonLinesSink(name, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), false);
    }

    @Override
    public void accept(AgentEvent event) {
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Events that could not be written because the queue was full or the sink closed. */
    public long dropped() {
        return dropped.get();
    }

    /** The last write failure, if any (a full disk, a closed pipe). */
    public IOException failure() {
        return failure;
    }

    /** One event as its JSON line (without the newline). */
    public static String line(AgentEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", event.type());
        node.put("t_s", round(event.tS()));
        if (event.mediaTS() != null) {
            node.put("media_t_s", round(event.mediaTS()));
        }
        event.fields().forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    private void drain() {
        try {
            while (true) {
                AgentEvent event = queue.take();
                if (event == POISON) {
                    break;
                }
                if (failure != null) {
                    dropped.incrementAndGet();
                    continue;
                }
                try {
                    writer.write(line(event));
                    writer.write('\n');
                    writer.flush();
                } catch (IOException e) {
                    failure = e;
                    dropped.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes everything accepted so far, then closes the file (waits up to 5 s for the writer). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(POISON);
            thread.join(TimeUnit.SECONDS.toMillis(5));
            writer.flush();
            if (closeWriter) {
                writer.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public String toString() {
        return "JSON Lines to " + name;
    }

    /** Serves {@code -} (standard output) and any file path. */
    public static final class Provider implements EventSinkProvider {
        @Override
        public boolean accepts(String target) {
            return target != null && !target.isBlank();
        }

        @Override
        public EventSink open(String target) throws IOException {
            return target.equals("-") ? toStream(System.out, "standard output") : toFile(Path.of(target));
        }
    }
}
