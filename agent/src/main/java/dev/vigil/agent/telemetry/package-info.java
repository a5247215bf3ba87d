/**
 * Telemetry names and counters, defined once. Components count through {@link dev.vigil.agent.telemetry.Telemetry};
 * the launcher decides where the numbers go (report, Prometheus, OTLP).
 */
package dev.vigil.agent.telemetry;
