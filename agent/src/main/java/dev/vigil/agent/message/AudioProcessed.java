package dev.vigil.agent.message;

/**
 * A consumer of an audio lane has processed everything up to {@code untilNanos}. Replay at full speed
 * paces itself on these so it never outruns the front end (and never drops audio that way).
 */
public record AudioProcessed(String lane, long untilNanos) {
}
