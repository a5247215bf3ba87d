package dev.vigil.agent.audio;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited sample-rate converter for one mono stream, fed in chunks of any size.
 *
 * <p>Each output sample {@code n} is the input evaluated at time {@code n / outRate} seconds
 * through a Kaiser-windowed sinc low-pass (cutoff at 0.95 of the lower Nyquist frequency,
 * 32 zero crossings per side at the lower rate). Because the kernel is centred on that instant,
 * output sample {@code n} describes the same moment as input sample {@code n * inRate / outRate}:
 * there is no group delay to subtract downstream. The price is look-ahead: a streaming caller
 * receives each output only once about 32 samples (at the lower rate) of later input have
 * arrived, and {@link #flush()} releases the rest at end of stream.
 *
 * <p>Chunking never changes the result: the arithmetic per output sample is the same whatever
 * the chunk boundaries, so a stream fed piecewise is bit-identical to a one-shot conversion.
 *
 * <p>Rational ratios with a modest numerator (3:1, 441:160, 2:3, ...) use a precomputed
 * polyphase table shared between instances; other ratios interpolate a finely sampled kernel.
 * Not thread-safe: one instance per stream (and per channel).
 */
public final class Resampler {

    /** Kernel half-width, in zero crossings of the lower of the two rates. */
    static final int HALF_ZERO_CROSSINGS = 32;
    /** Pass band as a fraction of the lower Nyquist frequency. */
    static final double CUTOFF = 0.95;
    /** About 80 dB stop-band attenuation: below 16-bit quantisation noise for speech levels. */
    static final double KAISER_BETA = 8.0;

    private static final int MAX_TABLE_PHASES = 4096;
    private static final int MAX_TABLE_FLOATS = 1 << 22;
    private static final int FINE_STEPS_PER_ZERO_CROSSING = 1024;
    private static final int MAX_RATE = 384_000;
    private static final Map<Long, float[]> TABLES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_TABLES = 64;

    private final int inRate;
    private final int outRate;
    private final int up;     // L: output samples per `down` input samples, reduced by the gcd
    private final int down;   // M
    private final int half;   // H: taps on each side of the output instant, in input samples
    private final int taps;   // 2H
    private final float[] table;     // taps per phase, `up` phases; null when interpolating
    private final double[] fine;     // kernel at 1/FINE zero-crossing steps; null when tabulated
    private final double fineScale;  // input samples -> fine-table index

    // Stream state. buf[0] holds input sample number bufStart (negative numbers are the silence
    // assumed before the stream began).
    private float[] buf;
    private int bufLen;
    private long bufStart;
    private long consumed;   // input samples received since start or the last flush
    private long nextOut;    // index of the next output sample
    private long centre;     // integer part of its position in input samples
    private int phase;       // fractional part, in units of 1/up

    public Resampler(int inRate, int outRate) {
        if (inRate < 1 || inRate > MAX_RATE || outRate < 1 || outRate > MAX_RATE) {
            throw new IllegalArgumentException("sample rates must be in 1.." + MAX_RATE + ", got "
                    + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double scale = Math.min(1.0, (double) outRate / inRate);
        double width = HALF_ZERO_CROSSINGS / (scale * CUTOFF); // kernel reach, in input samples
        this.half = (int) Math.ceil(width) + 1;
        this.taps = 2 * half;
        if (isIdentity()) {
            this.table = null;
            this.fine = null;
            this.fineScale = 0;
        } else if (up <= MAX_TABLE_PHASES && (long) up * taps <= MAX_TABLE_FLOATS) {
            this.table = polyphaseTable(up, down, half, scale);
            this.fine = null;
            this.fineScale = 0;
        } else {
            this.table = null;
            this.fineScale = scale * CUTOFF * FINE_STEPS_PER_ZERO_CROSSING;
            this.fine = fineKernel(scale);
        }
        reset();
    }

    /** Converts a whole mono clip; the result is time-aligned with the input. */
    public static float[] resample(float[] mono, int inRate, int outRate) {
        if (inRate == outRate) {
            return mono.clone();
        }
        Resampler r = new Resampler(inRate, outRate);
        float[] body = r.process(mono, 0, mono.length);
        float[] tail = r.flush();
        float[] out = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /**
     * Input samples held back before the output covering them can be emitted; a real-time
     * caller's added latency is this many input samples.
     */
    public int lookaheadSamples() {
        return isIdentity() ? 0 : half;
    }

    /** Feeds the next chunk and returns every output sample that is now fully determined. */
    public float[] process(float[] in, int off, int len) {
        if (off < 0 || len < 0 || off > in.length - len) {
            throw new IndexOutOfBoundsException("slice [" + off + ", " + off + "+" + len + ") of " + in.length);
        }
        if (isIdentity()) {
            return Arrays.copyOfRange(in, off, off + len);
        }
        append(in, off, len);
        consumed += len;
        return emit(Long.MAX_VALUE);
    }

    /**
     * Ends the stream: returns the remaining output, as if the input were followed by silence,
     * up to {@code ceil(inputLength * outRate / inRate)} samples in total. The resampler is then
     * ready for a new stream.
     */
    public float[] flush() {
        if (isIdentity()) {
            return new float[0];
        }
        long total = consumed / down * up + ceilDiv(consumed % down * up, down);
        append(new float[half], 0, half);
        float[] out = emit(total);
        reset();
        return out;
    }

    private boolean isIdentity() {
        return up == down;
    }

    private void reset() {
        buf = new float[Math.max(4096, 4 * taps)];
        bufLen = half;
        bufStart = -half;
        consumed = 0;
        nextOut = 0;
        centre = 0;
        phase = 0;
    }

    private void append(float[] in, int off, int len) {
        // Everything before the next output's first tap is no longer needed.
        int drop = (int) Math.min(bufLen, Math.max(0, centre - half + 1 - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
        if (bufLen + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(bufLen + len, 2 * buf.length));
        }
        System.arraycopy(in, off, buf, bufLen, len);
        bufLen += len;
    }

    private float[] emit(long limit) {
        long last = bufStart + bufLen - 1;
        long ready = (long) Math.floor((double) (last - half + 1) * up / down) + 2 - nextOut;
        float[] out = new float[(int) Math.max(0, Math.min(ready, limit - nextOut))];
        int n = 0;
        while (centre + half <= last && nextOut < limit) {
            int base = (int) (centre - half + 1 - bufStart);
            float y = table != null ? dotTable(base) : dotFine(base);
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n + 16); // only if the estimate above was short
            }
            out[n++] = y;
            nextOut++;
            phase += down;
            centre += phase / up;
            phase %= up;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    // Four partial sums break the floating-point add dependency chain; the grouping is fixed,
    // so results do not depend on chunking.
    private float dotTable(int base) {
        float[] x = buf;
        float[] h = table;
        int t = phase * taps;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < taps; j += 4) {
            s0 += x[base + j] * h[t + j];
            s1 += x[base + j + 1] * h[t + j + 1];
            s2 += x[base + j + 2] * h[t + j + 2];
            s3 += x[base + j + 3] * h[t + j + 3];
        }
        for (; j < taps; j++) {
            s0 += x[base + j] * h[t + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private float dotFine(int base) {
        double frac = phase / (double) up;
        double sum = 0;
        double weights = 0;
        int lastIndex = fine.length - 1;
        for (int j = 0; j < taps; j++) {
            double u = Math.abs(frac + half - 1 - j) * fineScale;
            int k = (int) u;
            if (k >= lastIndex) {
                continue;
            }
            double w = fine[k] + (u - k) * (fine[k + 1] - fine[k]);
            sum += buf[base + j] * w;
            weights += w;
        }
        return (float) (sum / weights);
    }

    /**
     * Row {@code p} holds the taps for an output instant {@code p/up} of an input sample past
     * {@code centre}; each row is normalised to unit sum so DC passes exactly at every phase.
     */
    private static float[] polyphaseTable(int up, int down, int half, double scale) {
        long key = ((long) up << 32) | down;
        float[] cached = TABLES.get(key);
        if (cached != null) {
            return cached;
        }
        int taps = 2 * half;
        float[] table = new float[up * taps];
        double[] row = new double[taps];
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up;
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                row[j] = kernel(frac + half - 1 - j, scale);
                sum += row[j];
            }
            for (int j = 0; j < taps; j++) {
                table[p * taps + j] = (float) (row[j] / sum);
            }
        }
        if (TABLES.size() < MAX_CACHED_TABLES) {
            TABLES.putIfAbsent(key, table);
        }
        return table;
    }

    private static double[] fineKernel(double scale) {
        int n = HALF_ZERO_CROSSINGS * FINE_STEPS_PER_ZERO_CROSSING + 2;
        double[] k = new double[n];
        double step = 1.0 / (scale * CUTOFF * FINE_STEPS_PER_ZERO_CROSSING);
        for (int i = 0; i < n; i++) {
            k[i] = kernel(i * step, scale);
        }
        return k;
    }

    /** Windowed sinc at {@code t} input samples from the output instant; unnormalised. */
    static double kernel(double t, double scale) {
        double width = HALF_ZERO_CROSSINGS / (scale * CUTOFF);
        double r = t / width;
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double x = Math.PI * scale * CUTOFF * t;
        double sinc = x == 0 ? 1 : Math.sin(x) / x;
        return sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
