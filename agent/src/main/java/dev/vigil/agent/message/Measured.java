package dev.vigil.agent.message;

/**
 * One live measure (observability lane), computed by the agent from its own timestamps, with no
 * scenario truth: see {@code dev.vigil.agent.measure.LiveMeasures} and docs/report.md for each name.
 *
 * @param measure a name of {@code dev.vigil.agent.measure.Measure} ({@code voice_to_voice_ms}, …)
 * @param millis  the value, milliseconds (never negative)
 * @param atNanos session time at which it was measured (the later of its two instants)
 */
public record Measured(String measure, double millis, long atNanos) {
}
