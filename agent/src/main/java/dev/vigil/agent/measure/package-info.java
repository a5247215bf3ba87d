/**
 * The measures of ARCHITECTURE.md, named once, and how a set of samples is summarised (count,
 * median, p95, max) everywhere: reports, benches, the console; and the observers that take them live
 * from the bus into OpenTelemetry ({@code LiveMeasures}: turns; {@code WatchAlerts}: watch alerts and
 * the vision engines' latency).
 */
package dev.vigil.agent.measure;
