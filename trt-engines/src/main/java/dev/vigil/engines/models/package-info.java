/**
 * Model manifests (name, where to get it, SHA-256, format, preferred backends), and the store that
 * fetches models from package registries into a local cache, verifies them, and serves them offline
 * once cached.
 */
package dev.vigil.engines.models;
