package dev.vigil.ros.transport;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Bad input from ROS topics, by kind ({@code malformed}, {@code contradicts_info}, …): each is counted,
 * the first of each kind is logged (one line), and each is handed on (to the agent's telemetry).
 * Thread-safe: DDS threads report here.
 */
public final class InputProblems {

    private static final Logger LOG = Logger.getLogger(InputProblems.class.getName());

    private final String input;
    private final BiConsumer<String, String> sink;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * @param input what is read, e.g. {@code ROS microphone /audio_stamped}; starts every log line
     * @param sink  receives (kind, one line) for each problem; must not block
     */
    public InputProblems(String input, BiConsumer<String, String> sink) {
        this.input = input;
        this.sink = sink;
    }

    /**
     * One bad input.
     *
     * @param kind    short snake_case name, the same for every problem of its sort
     * @param problem one line: what is wrong
     */
    public void report(String kind, String problem) {
        long n = counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        String line = input + ": " + problem;
        if (logged.add(kind)) {
            LOG.warning(line + " (further problems of this kind are counted, not logged)");
        }
        sink.accept(kind, line);
        if (n == Long.MAX_VALUE) {
            counts.get(kind).set(0);
        }
    }

    /** A warning that is no bad input (the assumed format, say): logged once per kind, not counted. */
    public void warnOnce(String kind, String warning) {
        if (logged.add(kind)) {
            LOG.warning(input + ": " + warning);
        }
    }

    /** How many problems of each kind so far, by kind. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
