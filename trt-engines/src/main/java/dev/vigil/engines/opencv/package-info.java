/**
 * The {@code opencv-dnn} backend: TFLite models on OpenCV's DNN module, on the CPU (MediaPipe's object
 * and face detectors), and the loading of OpenCV's bundled native library.
 */
package dev.vigil.engines.opencv;
