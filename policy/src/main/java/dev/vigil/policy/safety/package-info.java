/**
 * The safety fast path: "stop" stops motion and speech at once, from partial transcripts, without
 * waiting for the end of the turn or a unit boundary.
 */
package dev.vigil.policy.safety;
