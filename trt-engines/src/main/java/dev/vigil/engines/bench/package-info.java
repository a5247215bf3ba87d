/**
 * Measuring engines: synthetic inputs from a model's specs and manifest
 * ({@link dev.vigil.engines.bench.ExampleInputs}) and run latency
 * ({@link dev.vigil.engines.bench.Latency}), for {@code vigil engines bench}.
 */
package dev.vigil.engines.bench;
