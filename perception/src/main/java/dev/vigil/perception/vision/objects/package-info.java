/**
 * Objects in view: {@link dev.vigil.perception.vision.objects.SsdObjectDetector}, the {@code objects}
 * engine, MediaPipe's SSD MobileNetV2 (24 Open Images classes: person, chair, dog, car, …) run by
 * OpenCV's DNN module. The SSD pieces MediaPipe's graphs add around its detectors (anchors, box decoding,
 * suppression) live in {@code objects.ssd}, shared with {@code faces}. Models from npm
 * {@code @mediapipe/objectron}, declared in perception's {@code models.yaml}.
 */
package dev.vigil.perception.vision.objects;
