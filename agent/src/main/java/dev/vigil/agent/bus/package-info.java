/**
 * Event-bus plumbing: every address in one place, and the local codec that passes records by
 * reference instead of serialising them.
 */
package dev.vigil.agent.bus;
