/**
 * Strict YAML input shared by every file Vigil reads from a user or a jar (vigil.yaml, scenarios,
 * models.yaml): one mapper configuration and one translation of Jackson's exceptions into a key
 * path and a one-line problem. It lives here because trt-engines is the lowest module that both
 * the model manifests and the launcher see.
 */
package dev.vigil.engines.yaml;
