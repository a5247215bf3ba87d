package dev.vigil.launch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@code vigil run} process under test, seen through its events file (JSON Lines, docs/events.md)
 * and its log: read the events so far, wait for one, and fail with the events and the log when it
 * does not come or the agent exits.
 */
public final class AgentRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path events;
    private final Path log;

    /**
     * @param process the agent
     * @param events  its {@code --events} file
     * @param log     where its standard output and error go
     */
    public AgentRun(Process process, Path events, Path log) {
        this.process = process;
        this.events = events;
        this.log = log;
    }

    /** Every event written so far, in order. */
    public List<JsonNode> events() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(events)) {
            return out;
        }
        for (String line : Files.readAllLines(events)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** The first event that matches, waiting up to {@code seconds}. */
    public JsonNode await(String what, Predicate<JsonNode> match, int seconds) throws Exception {
        return await(what, match, seconds, 0);
    }

    /**
     * The first event from index {@code from} on that matches, waiting up to {@code seconds}.
     *
     * @throws AssertionError none came in time, or the agent exited; with the events and the log
     */
    public JsonNode await(String what, Predicate<JsonNode> match, int seconds, int from) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<JsonNode> all = events();
            for (int i = from; i < all.size(); i++) {
                if (match.test(all.get(i))) {
                    return all.get(i);
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the agent exited (" + process.exitValue() + ") waiting for " + what + "\n" + log());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " within " + seconds + " s; events:\n" + String.join("\n",
                events().stream().map(JsonNode::toString).toList()) + "\nlog:\n" + log());
    }

    /** Whether the event is of this type ({@code started}, {@code intent}, …). */
    public static boolean type(JsonNode event, String type) {
        return event.get("type").asText().equals(type);
    }

    /** The agent's output so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
