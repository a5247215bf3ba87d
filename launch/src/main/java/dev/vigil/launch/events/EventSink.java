package dev.vigil.launch.events;

/**
 * Receives the agent's event stream, in order. {@link #accept} is called on the agent's event loop:
 * an implementation must not block there (hand I/O to a thread of its own, as
 * {@link JsonLinesSink} does). A lambda will do for a sink with nothing to close. Plug-ins that
 * make sinks from a configured target: see {@link EventSinkProvider}.
 */
@FunctionalInterface
public interface EventSink extends AutoCloseable {

    void accept(AgentEvent event);

    /** Delivers what was accepted (the file flushed, the topic sent) and releases resources. */
    @Override
    default void close() {
    }
}
