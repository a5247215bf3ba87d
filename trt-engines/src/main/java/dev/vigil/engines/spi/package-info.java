/**
 * The backend plug-in point: {@link dev.vigil.engines.spi.EngineBackend} (found with
 * {@link java.util.ServiceLoader}) and its {@link dev.vigil.engines.spi.Availability} on this host.
 * {@link dev.vigil.engines.Engines} chooses among them per model.
 */
package dev.vigil.engines.spi;
