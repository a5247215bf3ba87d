package dev.vigil.ros.audio;

import dev.vigil.ros.msg.AudioInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Raw PCM as ros-drivers/audio_common's {@code AudioInfo} describes it: interleaved little-endian
 * samples, {@code channels} per instant.
 *
 * @param channels     interleaved channels, 1–64
 * @param sampleRate   instants per second, 8000–192000
 * @param sampleFormat the samples' encoding
 */
public record PcmFormat(int channels, int sampleRate, SampleFormat sampleFormat) {

    /** GStreamer's names, as audio_common's capture node publishes them. */
    public enum SampleFormat {
        /** signed 16-bit little-endian */
        S16LE(2),
        /** 32-bit IEEE float little-endian, full scale ±1.0 */
        F32LE(4);

        private final int bytes;

        SampleFormat(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per sample of one channel. */
        public int bytes() {
            return bytes;
        }
    }

    /** audio_common's capture node's defaults for raw audio: mono, 16 kHz, S16LE. */
    public static final PcmFormat CAPTURE_NODE_DEFAULT = new PcmFormat(1, 16_000, SampleFormat.S16LE);

    /** @throws IllegalArgumentException channels or rate out of range, no sample format */
    public PcmFormat {
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels must be 1–64, was " + channels);
        }
        if (sampleRate < 8_000 || sampleRate > 192_000) {
            throw new IllegalArgumentException("sample rate must be 8000–192000 Hz, was " + sampleRate);
        }
        if (sampleFormat == null) {
            throw new IllegalArgumentException("no sample format");
        }
    }

    /**
     * The format an {@code AudioInfo} announces.
     *
     * @throws IllegalArgumentException one line: compressed audio (MP3, the capture node's default:
     *                                  names the parameter to change), an unknown sample format, a
     *                                  channel count or rate out of range
     */
    public static PcmFormat of(AudioInfo info) {
        String coding = info.codingFormat() == null ? "" : info.codingFormat().strip().toLowerCase(Locale.ROOT);
        if (!(coding.isEmpty() || coding.equals("wave") || coding.equals("wav") || coding.equals("raw")
                || coding.equals("pcm"))) {
            throw new IllegalArgumentException("coding_format " + info.codingFormat()
                    + " is not raw PCM: start audio_common's audio_capture_node with format:=wave"
                    + " (its default is mp3)");
        }
        SampleFormat format = switch (info.sampleFormat() == null ? "" : info.sampleFormat().strip().toUpperCase(Locale.ROOT)) {
            case "S16LE" -> SampleFormat.S16LE;
            case "F32LE" -> SampleFormat.F32LE;
            default -> throw new IllegalArgumentException("sample_format \"" + info.sampleFormat()
                    + "\" is not supported (S16LE or F32LE)");
        };
        if (info.sampleRate() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample rate must be 8000–192000 Hz, was " + info.sampleRate());
        }
        return new PcmFormat(info.channels(), (int) info.sampleRate(), format);
    }

    /** Bytes per instant: one sample of every channel. */
    public int bytesPerInstant() {
        return channels * sampleFormat.bytes();
    }

    /**
     * One channel of interleaved PCM, or all of them mixed down, as 16-bit samples.
     *
     * @param data    whole instants of this format (a multiple of {@link #bytesPerInstant()} bytes)
     * @param channel the 0-based channel to keep, or -1 to mix all down (their mean)
     * @return one sample per instant, and how many came out of NaN or infinite float samples (silence)
     * @throws IllegalArgumentException the data is not whole instants of this format, or the channel
     *                                  is not one of its channels (one line)
     */
    public Mono toMono(byte[] data, int channel) {
        if (data.length % bytesPerInstant() != 0) {
            throw new IllegalArgumentException(data.length + " bytes are not whole instants of " + this
                    + " (" + bytesPerInstant() + " bytes each)");
        }
        if (channel >= channels) {
            throw new IllegalArgumentException("channel " + channel + " was chosen, the audio has " + channels);
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        short[] mono = new short[data.length / bytesPerInstant()];
        int nonFinite = 0;
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            int from = channel < 0 ? 0 : channel;
            int to = channel < 0 ? channels : channel + 1;
            int base = i * bytesPerInstant();
            for (int c = from; c < to; c++) {
                int at = base + c * sampleFormat.bytes();
                sum += sampleFormat == SampleFormat.S16LE ? in.getShort(at) : in.getFloat(at) * 32767.0;
            }
            nonFinite += Double.isFinite(sum) ? 0 : 1;
            mono[i] = sample16(sum / (to - from));
        }
        return new Mono(mono, nonFinite);
    }

    /**
     * Samples turned into 16-bit mono.
     *
     * @param samples   one per instant
     * @param nonFinite how many of them came from a NaN or infinite float sample (in any channel mixed
     *                  in) and are silence: a broken driver's, never allowed to silence or saturate the
     *                  stream; the caller counts them as bad input
     */
    public record Mono(short[] samples, int nonFinite) {

        /** Counts the chunk as bad input ({@code non_finite}) if it had any such sample. */
        public void reportNonFinite(dev.vigil.ros.transport.InputProblems problems) {
            if (nonFinite > 0) {
                problems.report("non_finite", nonFinite + " NaN or infinite samples in a chunk: replaced with silence");
            }
        }
    }

    /**
     * A sample on the 16-bit scale as 16 bits: rounded, clipped to full scale (a float stream may exceed
     * it), NaN and infinities as silence.
     */
    static short sample16(double value) {
        return Double.isFinite(value) ? (short) Math.max(-32768, Math.min(32767, Math.round(value))) : 0;
    }

    @Override
    public String toString() {
        return sampleFormat + " " + sampleRate + " Hz " + (channels == 1 ? "mono" : channels + " channels");
    }
}
