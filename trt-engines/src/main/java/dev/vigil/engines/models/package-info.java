/**
 * Model files: the manifests that say where a model comes from and what its bytes must hash to
 * ({@link dev.vigil.engines.models.ModelCatalog}), and the on-disk cache that fetches, verifies and
 * keeps them ({@link dev.vigil.engines.models.ModelStore}).
 *
 * <p>Models ride inside packages that public registries already host and mirror (npm tarballs,
 * Maven jars), so Vigil needs no model server of its own; the SHA-256 in the manifest is what makes
 * that safe.
 */
package dev.vigil.engines.models;
