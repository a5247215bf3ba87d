/**
 * The engine SPI: tensors, the {@link dev.vigil.engines.Engine} contract every inference backend
 * implements, and {@link dev.vigil.engines.Engines}, which picks a backend for a model file.
 *
 * <p>Tensors are direct, native-order buffers so that a backend can hand them to native code
 * without copying; a per-frame loop allocates its tensors once and reuses them.
 */
package dev.vigil.engines;
