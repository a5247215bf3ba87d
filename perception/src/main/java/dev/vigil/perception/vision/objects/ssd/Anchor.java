package dev.vigil.perception.vision.objects.ssd;

/** One SSD anchor box, as fractions of the model's input: centre and size. */
public record Anchor(float xCenter, float yCenter, float width, float height) {
}
