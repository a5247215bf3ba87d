/**
 * Video for scenarios: a {@link dev.vigil.launch.video.Video} is opened as a lazy
 * {@link dev.vigil.launch.video.FrameStream} of packed-RGB camera frames in time order, never all
 * in memory at once. Sources: a video file GStreamer can read ({@link dev.vigil.launch.video.VideoFile}),
 * a folder of PNG/JPEG images ({@link dev.vigil.launch.video.FrameFolder}), and two generated
 * displays that carry their own ground truth: an elevator's floor indicator
 * ({@link dev.vigil.launch.video.ElevatorDisplay}) and a traffic light
 * ({@link dev.vigil.launch.video.TrafficLight}).
 */
package dev.vigil.launch.video;
