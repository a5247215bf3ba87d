package dev.vigil.perception.audio.frontend;

/**
 * The last few seconds of what the loudspeaker played, addressed by absolute sample index (session
 * time × 16 kHz) so a microphone frame can fetch the loudspeaker samples of the same instant.
 * Anything never written, or too old, reads as silence. Written from the event loop, read from the
 * front end's worker: methods are synchronized (a few microseconds per 20 ms frame).
 */
final class ReferenceBuffer {

    private final short[] ring;
    /** Index one past the newest sample written; everything in [highWater - capacity, highWater) is valid. */
    private long highWater;

    ReferenceBuffer(int capacitySamples) {
        ring = new short[capacitySamples];
    }

    synchronized void write(long start, short[] samples) {
        if (start > highWater) {
            fillSilence(highWater, Math.min(start, highWater + ring.length));
        }
        long from = Math.max(start, highWater - ring.length);
        for (long i = from; i < start + samples.length; i++) {
            ring[(int) Math.floorMod(i, (long) ring.length)] = samples[(int) (i - start)];
        }
        highWater = Math.max(highWater, start + samples.length);
    }

    synchronized void read(long start, short[] into) {
        long oldest = highWater - ring.length;
        for (int k = 0; k < into.length; k++) {
            long i = start + k;
            into[k] = i >= oldest && i < highWater ? ring[(int) Math.floorMod(i, (long) ring.length)] : 0;
        }
    }

    private void fillSilence(long from, long to) {
        for (long i = from; i < to; i++) {
            ring[(int) Math.floorMod(i, (long) ring.length)] = 0;
        }
    }
}
