package dev.vigil.agent.message;

/**
 * The microphone was muted or unmuted (by configuration or the API). While muted, the agent hears
 * silence: it neither detects voice nor recognises speech.
 *
 * @param muted   the new state
 * @param atNanos session time of the change
 */
public record MicrophoneMuted(boolean muted, long atNanos) {
}
