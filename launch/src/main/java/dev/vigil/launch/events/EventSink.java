package dev.vigil.launch.events;

/**
 * Receives the agent's event stream, in order. {@link #accept} is called on the agent's event loop:
 * an implementation must not block there (hand I/O to a thread of its own, as
 * {@link JsonLinesSink} does). Implementations are plug-ins: see {@link EventSinkProvider}.
 */
public interface EventSink extends AutoCloseable {

    void accept(AgentEvent event);

    /** Delivers what was accepted (the file flushed, the topic sent) and releases resources. */
    @Override
    void close();
}
