/**
 * Faces in view: {@link dev.vigil.perception.vision.faces.BlazeFaceDetector}, the {@code faces} engine,
 * MediaPipe's BlazeFace short-range model run by OpenCV's DNN module, with the SSD post-processing shared
 * with {@code objects} ({@code dev.vigil.perception.vision.objects.ssd}). Model from npm
 * {@code @mediapipe/face_detection}, declared in perception's {@code models.yaml}.
 */
package dev.vigil.perception.vision.faces;
