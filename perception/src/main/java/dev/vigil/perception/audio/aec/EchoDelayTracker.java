package dev.vigil.perception.audio.aec;

/**
 * How late the loudspeaker's sound reaches the microphone, measured from the audio itself, and how
 * that delay drifts. The microphone and the loudspeaker never run on quite the same clock (two sound
 * cards, or a sound server's loopback that resamples): on PulseAudio the echo was measured arriving
 * 0.06–0.1 ms later with every second (60–105 ppm, 64.7 → 68.4 ms over 41 s). An adaptive filter
 * cannot follow an echo that keeps moving: a tenth of a millisecond is a quarter turn of phase at
 * 2.5 kHz, so everything above the vowels leaked through.
 * <p>
 * Every half second in which the robot was audible, the microphone is cross-correlated with the
 * loudspeaker signal over lags 0..{@code maxDelay}: first at an eighth of the sample rate over the
 * whole range, then at full rate around its best few peaks and the predicted delay, to a fraction of
 * a sample. A line is fitted through the recent measurements; its
 * slope is the drift. A measurement that disagrees with the line is set aside; two in a row that
 * agree with each other mean the path itself changed (another device, a restarted stream), and the
 * line starts again from them. Measurements where the microphone is not mostly echo (the user
 * talking over the robot) correlate poorly and are ignored.
 * <p>
 * The correlation is computed directly, not by FFT: about 2 M multiply-adds per half second of the
 * robot's voice: about 2 ms of one core per second of audio, measured on the 2-core test machine.
 */
public final class EchoDelayTracker {

    /** A measurement must agree with the prediction this closely (1 ms at 16 kHz) to refine it. */
    private static final double TOLERANCE_SECONDS = 0.001;
    /** Below this normalised correlation the microphone is not mostly echo: no measurement. */
    private static final double MIN_CORRELATION = 0.6;
    /** The search over the whole range runs at 2 kHz: the voice's energy is below 1 kHz. */
    private static final int DECIMATION = 8;
    /** Coarse peaks measured again at full rate. */
    private static final int CANDIDATES = 3;
    private static final int HISTORY = 20;
    /** Drift beyond this (samples per sample) is not a clock: 1000 ppm. */
    private static final double MAX_SLOPE = 1e-3;
    /** Levels (mean square, full scale 1) below which a block says nothing about the echo path. */
    private static final double MIN_MIC_POWER = 1e-7;
    private static final double MIN_SPEAKER_POWER = 1e-5;
    /** The alignment may wander this far (2 ms) from the measured delay before it is set afresh. */
    private static final double MAX_WANDER_SECONDS = 0.002;

    private final int sampleRate;
    private final int block;
    private final int maxLag;
    private final int tolerance;
    /** Loudspeaker samples up to the end of the current block: [end - history.length, end). */
    private final float[] history;
    private final float[] mic;
    private final float[] pendingSpeaker;
    private int fill;
    private long nextSample = -1;

    private final double[] times = new double[HISTORY];
    private final double[] delays = new double[HISTORY];
    private int count;
    private double intercept = Double.NaN;
    private double slope;
    private double origin;
    private double disagreeing = Double.NaN;
    private int pathChanges;
    private final int maxWander;
    /** The alignment: {@code alignment} samples at {@code alignedAt}, moving at {@code slope}. */
    private double alignment = Double.NaN;
    private double alignedAt;

    /**
     * @param sampleRate      samples per second of both signals
     * @param maxDelayMillis  the longest delay looked for
     */
    public EchoDelayTracker(int sampleRate, int maxDelayMillis) {
        this.sampleRate = sampleRate;
        this.block = sampleRate / 2;
        this.maxLag = maxDelayMillis * sampleRate / 1000;
        this.tolerance = (int) Math.ceil(TOLERANCE_SECONDS * sampleRate);
        this.maxWander = (int) Math.ceil(MAX_WANDER_SECONDS * sampleRate);
        this.history = new float[maxLag + block + 2];
        this.mic = new float[block];
        this.pendingSpeaker = new float[block];
    }

    /**
     * Offers microphone samples and the loudspeaker samples of the same instant.
     *
     * @param startSample absolute index of the first sample; after a gap the block in progress is
     *                    dropped, what was learned is kept
     */
    public void add(long startSample, short[] micSamples, short[] speakerSamples) {
        if (nextSample >= 0 && startSample != nextSample) {
            java.util.Arrays.fill(history, 0f);
            fill = 0;
        }
        nextSample = startSample + micSamples.length;
        for (int i = 0; i < micSamples.length; i++) {
            mic[fill] = micSamples[i] / 32768f;
            pendingSpeaker[fill] = speakerSamples[i] / 32768f;
            if (++fill == block) {
                System.arraycopy(history, block, history, 0, history.length - block);
                System.arraycopy(pendingSpeaker, 0, history, history.length - block, block);
                fill = 0;
                measure(startSample + i + 1 - block);
            }
        }
    }

    /** The echo delay in samples (fractional) at {@code atSample}, as measured; NaN while unknown. */
    public double delaySamples(long atSample) {
        return Double.isNaN(intercept) ? Double.NaN : intercept + slope * (atSample - origin);
    }

    /**
     * How far back to read the loudspeaker signal for the microphone sample {@code atSample}: the
     * measured delay when it was found, then moving only at the measured drift rate, never by a
     * jump. A canceller finds where the echo sits in its filter by itself; what it cannot follow is
     * the echo moving. So a measurement that corrects the delay updates the drift rate, not the
     * alignment; an offset of a fraction of a millisecond stays, which is harmless. Should the
     * alignment wander 2 ms from the measured delay, the delay is taken as found anew. NaN while the
     * delay is unknown.
     */
    public double alignmentSamples(long atSample) {
        return Double.isNaN(alignment) ? Double.NaN : alignment + slope * (atSample - alignedAt);
    }

    /**
     * The stream was interrupted (a gap in capture, a device rebuilt): the echo path may be another
     * one now (measured live: 72.9 ms before a microphone was rebuilt, 52.6 ms after), so the delay
     * is unknown until measured again. Counts as a path change.
     */
    public void forget() {
        java.util.Arrays.fill(history, 0f);
        fill = 0;
        count = 0;
        intercept = Double.NaN;
        alignment = Double.NaN;
        slope = 0;
        disagreeing = Double.NaN;
        pathChanges++;
    }

    /** The drift in parts per million: how much later the echo arrives with every second. */
    public double driftPpm() {
        return slope * 1e6;
    }

    /** How many times the delay was found anew (first found, or the path changed) or forgotten. */
    public int pathChanges() {
        return pathChanges;
    }

    private void measure(long blockStart) {
        double micPower = power(mic, 0, block);
        int present = history.length - block;
        double speakerPower = power(history, present - maxLag, maxLag + block);
        if (micPower < MIN_MIC_POWER || speakerPower < MIN_SPEAKER_POWER) {
            return;
        }
        double centre = blockStart + block / 2.0;
        // A voice correlates with itself a pitch period away (r = 0.6–0.8): at 2 kHz such a side peak
        // can beat the echo's, at 16 kHz it does not. So the best few coarse peaks, and the predicted
        // delay, are each measured at full rate, and the best of them wins.
        Peak best = null;
        int[] candidates = coarse();
        for (int k = 0; k <= candidates.length; k++) {
            int around = k < candidates.length ? candidates[k]
                    : Double.isNaN(intercept) ? -1 : (int) Math.round(delaySamples((long) centre));
            Peak peak = around < 0 ? null : fine(around - 2 * DECIMATION, around + 2 * DECIMATION);
            if (peak != null && (best == null || peak.correlation() > best.correlation())) {
                best = peak;
            }
        }
        if (best != null) {
            accept(centre, best.lag());
        }
    }

    /** A correlation peak: lag in (fractional) samples, normalised correlation. */
    private record Peak(double lag, double correlation) {
    }

    private void accept(double time, double delay) {
        if (Double.isNaN(intercept)) {
            restart(time, delay);
            return;
        }
        if (Math.abs(delay - delaySamples((long) time)) <= tolerance) {
            disagreeing = Double.NaN;
            double now = time + block / 2.0;
            double aligned = alignmentSamples((long) now);
            add(time, delay);
            alignment = aligned;
            alignedAt = now;
            if (Math.abs(aligned - delaySamples((long) now)) > maxWander) {
                restart(time, delay);
            }
            return;
        }
        if (!Double.isNaN(disagreeing) && Math.abs(delay - disagreeing) <= tolerance) {
            restart(time, delay);
        } else {
            disagreeing = delay;
        }
    }

    private void restart(double time, double delay) {
        count = 0;
        disagreeing = Double.NaN;
        pathChanges++;
        add(time, delay);
        alignment = delay;
        alignedAt = time;
    }

    private void add(double time, double delay) {
        if (count == HISTORY) {
            System.arraycopy(times, 1, times, 0, HISTORY - 1);
            System.arraycopy(delays, 1, delays, 0, HISTORY - 1);
            count--;
        }
        times[count] = time;
        delays[count] = delay;
        count++;
        fit();
    }

    /** Least squares through the measurements; the mean until there are three spanning a second. */
    private void fit() {
        origin = times[count - 1];
        double meanT = 0;
        double meanD = 0;
        for (int i = 0; i < count; i++) {
            meanT += times[i] - origin;
            meanD += delays[i];
        }
        meanT /= count;
        meanD /= count;
        double stt = 0;
        double std = 0;
        for (int i = 0; i < count; i++) {
            double t = times[i] - origin - meanT;
            stt += t * t;
            std += t * (delays[i] - meanD);
        }
        boolean enough = count >= 3 && times[count - 1] - times[0] >= sampleRate;
        slope = enough ? Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, std / stt)) : 0;
        intercept = meanD - slope * meanT;
    }

    /** The best few peaks over the whole range at the decimated rate, in full-rate samples, best first. */
    private int[] coarse() {
        int n = block / DECIMATION;
        int lags = maxLag / DECIMATION;
        float[] m = decimate(mic, 0, n);
        int present = (history.length - block) / DECIMATION;
        int offset = (history.length - block) % DECIMATION;
        float[] s = decimate(history, offset, (history.length - offset) / DECIMATION);
        double micEnergy = energy(m, 0, n);
        double speakerEnergy = energy(s, present, n);
        double[] r = new double[Math.min(lags, present) + 1];
        for (int lag = 0; lag < r.length; lag++) {
            if (lag > 0) {
                float in = s[present - lag];
                float out = s[present - lag + n];
                speakerEnergy += in * in - out * out;
            }
            r[lag] = speakerEnergy <= 0 ? 0 : Math.abs(dot(m, s, present - lag, n)) / Math.sqrt(micEnergy * speakerEnergy);
        }
        int[] peaks = new int[CANDIDATES];
        java.util.Arrays.fill(peaks, -1);
        for (int lag = 0; lag < r.length; lag++) {
            boolean peak = r[lag] > 0 && (lag == 0 || r[lag] >= r[lag - 1]) && (lag == r.length - 1 || r[lag] > r[lag + 1]);
            for (int k = 0; peak && k < CANDIDATES; k++) {
                if (peaks[k] < 0 || r[lag] > r[peaks[k]]) {
                    System.arraycopy(peaks, k, peaks, k + 1, CANDIDATES - k - 1);
                    peaks[k] = lag;
                    peak = false;
                }
            }
        }
        return java.util.Arrays.stream(peaks).filter(p -> p >= 0).map(p -> p * DECIMATION).toArray();
    }

    /**
     * Best lag in [from, to] at full rate, refined between samples by a parabola through the
     * neighbours; null when the peak is weak or at the edge of the range.
     */
    private Peak fine(int from, int to) {
        from = Math.max(from, 0);
        to = Math.min(to, maxLag);
        if (to - from < 2) {
            return null;
        }
        double[] r = new double[to - from + 1];
        int present = history.length - block;
        double micEnergy = energy(mic, 0, block);
        double e = energy(history, present - from, block);
        int best = -1;
        for (int lag = from; lag <= to; lag++) {
            int start = present - lag;
            if (lag > from) {
                e += history[start] * history[start] - history[start + block] * history[start + block];
            }
            double c = dot(mic, history, start, block);
            r[lag - from] = e <= 0 ? 0 : Math.abs(c) / Math.sqrt(micEnergy * e);
            if (best < 0 || r[lag - from] > r[best]) {
                best = lag - from;
            }
        }
        if (best <= 0 || best >= r.length - 1 || r[best] < MIN_CORRELATION) {
            return null;
        }
        double a = r[best - 1];
        double b = r[best];
        double c = r[best + 1];
        double curvature = a - 2 * b + c;
        double offset = curvature < 0 ? 0.5 * (a - c) / curvature : 0;
        return new Peak(from + best + offset, b);
    }

    /** Σ a[j]·b[from + j] over n samples; four partial sums, so the additions need not wait for each other. */
    private static double dot(float[] a, float[] b, int from, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[from + j];
            s1 += a[j + 1] * b[from + j + 1];
            s2 += a[j + 2] * b[from + j + 2];
            s3 += a[j + 3] * b[from + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[from + j];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static float[] decimate(float[] x, int from, int n) {
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            float sum = 0;
            for (int k = 0; k < DECIMATION; k++) {
                sum += x[from + j * DECIMATION + k];
            }
            out[j] = sum;
        }
        return out;
    }

    private static double energy(float[] x, int from, int n) {
        double e = 0;
        for (int i = from; i < from + n; i++) {
            e += x[i] * x[i];
        }
        return e;
    }

    private static double power(float[] x, int from, int n) {
        return energy(x, from, n) / n;
    }
}
