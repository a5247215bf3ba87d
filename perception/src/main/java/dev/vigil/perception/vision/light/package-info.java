/**
 * Signal lights: {@link dev.vigil.perception.vision.light.LightReader} finds lit lamps (bright,
 * saturated, round blobs brighter than what is around them) and names their colour red, amber or green.
 * Plain Java, no model.
 */
package dev.vigil.perception.vision.light;
