package dev.vigil.launch.video;

/**
 * Ground truth of a video: from {@code atS} on (scenario seconds) until the next entry, the video
 * shows {@code what}, e.g. {@code "16"} on an elevator display or {@code "red"} on a traffic light.
 */
public record Shown(double atS, String what) {
}
