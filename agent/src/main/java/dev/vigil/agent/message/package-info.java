/**
 * The vocabulary of the event bus: immutable records, one per kind of message. Every message carries
 * the session time of the media it came from. Large buffers (audio samples) travel by reference on
 * the local bus and must never be mutated after they are sent.
 */
package dev.vigil.agent.message;
