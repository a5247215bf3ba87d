package dev.vigil.launch.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the event stream.
 *
 * @param type   the event type, snake_case ({@code voice_started}, {@code intent}, ...; docs/events.md)
 * @param tS     session seconds when the agent published it; never decreases along the stream
 * @param mediaTS the audio time (session seconds) the event is about, e.g. a voice onset; null when
 *               the event is not about media
 * @param fields the type's own fields, in documented order; values are JSON-friendly (strings,
 *               numbers, booleans, maps, lists, or a Jackson {@code JsonNode})
 */
public record AgentEvent(String type, double tS, Double mediaTS, Map<String, Object> fields) {

    public AgentEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Starts an event of {@code type} at session time {@code tS}. */
    public static Builder of(String type, double tS) {
        return new Builder(type, tS);
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final String type;
        private final double tS;
        private Double mediaTS;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String type, double tS) {
            this.type = type;
            this.tS = tS;
        }

        /** @param nanos session nanoseconds of the media the event refers to */
        public Builder media(long nanos) {
            this.mediaTS = nanos / 1e9;
            return this;
        }

        public Builder with(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public AgentEvent build() {
            return new AgentEvent(type, tS, mediaTS, fields);
        }
    }
}
