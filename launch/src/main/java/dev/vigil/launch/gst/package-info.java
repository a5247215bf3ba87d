/**
 * Live audio devices through GStreamer (gst1-java-core): {@link dev.vigil.launch.gst.GstMicrophone}
 * captures any source into 20 ms 16 kHz mono frames stamped on the session clock,
 * {@link dev.vigil.launch.gst.GstSpeaker} plays the loudspeaker queue and reports each frame with
 * the time it leaves the device (measured latency included), and both rebuild themselves when the
 * device disappears. Both pipelines run on GStreamer's monotonic system clock, the clock the session
 * runs on. {@link dev.vigil.launch.gst.GstCamera} watches any video source, keeping only its newest
 * frame, as packed RGB stamped on the session clock, and rebuilds itself the same way.
 */
package dev.vigil.launch.gst;
