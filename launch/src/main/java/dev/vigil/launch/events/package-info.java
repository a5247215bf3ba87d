/**
 * The agent's event stream: everything it perceives and decides, as one ordered sequence of
 * {@link dev.vigil.launch.events.AgentEvent}s ({@code started}, {@code voice_started},
 * {@code transcript}, {@code intent}, {@code utterance_started}, {@code barge_in}, ...; documented in
 * {@code docs/events.md}) that every {@link dev.vigil.launch.events.EventSink} reads: JSON Lines to a
 * file or stdout today, ROS 2 topics and the web console later.
 */
package dev.vigil.launch.events;
