/**
 * The measures of ARCHITECTURE.md, named once, and how a set of samples is summarised (count,
 * median, p95, max) everywhere: reports, benches, the console.
 */
package dev.vigil.agent.measure;
