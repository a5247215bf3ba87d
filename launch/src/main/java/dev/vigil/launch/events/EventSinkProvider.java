package dev.vigil.launch.events;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes event sinks from a target string; registered in
 * {@code META-INF/services/dev.vigil.launch.events.EventSinkProvider}.
 */
public interface EventSinkProvider {

    /** Whether this provider serves {@code target} (e.g. a path or {@code -}). */
    boolean accepts(String target);

    /** @throws java.io.IOException the target cannot be opened (the message names it) */
    EventSink open(String target) throws java.io.IOException;

    /** The first provider on the class path that accepts {@code target}. */
    static EventSink openFirst(String target) throws java.io.IOException {
        for (EventSinkProvider p : ServiceLoader.load(EventSinkProvider.class)) {
            if (p.accepts(target)) {
                return p.open(target);
            }
        }
        throw new java.io.IOException("no event sink accepts '" + target + "'");
    }

    static List<EventSinkProvider> all() {
        return ServiceLoader.load(EventSinkProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
