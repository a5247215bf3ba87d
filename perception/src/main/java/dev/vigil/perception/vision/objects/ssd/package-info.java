/**
 * What MediaPipe's single-shot detectors share, written once for {@code objects} and {@code faces} (their
 * TFLite models run on the engine layer's {@code opencv-dnn} backend,
 * {@link dev.vigil.perception.vision.objects.ssd.DetectorEngine}): the frame made into their input tensor
 * ({@link dev.vigil.perception.vision.objects.ssd.FrameTensor}), and the post-processing MediaPipe does in
 * its graph rather than in the model: anchor generation as its {@code SsdAnchorsCalculator}
 * ({@link dev.vigil.perception.vision.objects.ssd.AnchorSpec}), box decoding as its
 * {@code TensorsToDetectionsCalculator} ({@link dev.vigil.perception.vision.objects.ssd.BoxDecoder}) and
 * non-maximum suppression ({@link dev.vigil.perception.vision.objects.ssd.NonMaxSuppression}).
 */
package dev.vigil.perception.vision.objects.ssd;
