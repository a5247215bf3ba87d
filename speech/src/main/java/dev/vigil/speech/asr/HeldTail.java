package dev.vigil.speech.asr;

import dev.vigil.agent.audio.PcmAudio;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * What the command grammar is fed of a segment's end: up to its voice's last loud window and a short
 * tail after it, not the quieter audio the segment runs on with. A voice-activity segment ends some
 * 400 ms after the user's last word, and with a radio or a TV talking behind them those 400 ms hold
 * the background's words. The grammar's decoders must explain every sound they are fed, and their
 * out-of-grammar branch then won over the user's whole command: in background-speech-radio.yaml (a
 * radio 20 dB below the user) "go to the kitchen", "come here" and "move back one meter" gave no words
 * from either decoder, where the same segments cut 160 ms after their last loud window gave "go to
 * the kitchen" and "come here", both decoders agreeing (measured on the segments the agent fed,
 * 2026-12-03). In a quiet room the audio held back is silence, which the grammar explains anyway.
 * <p>
 * The segment is judged in {@value #WINDOW}-sample windows (32 ms at 16 kHz). A window within
 * {@value #BELOW_LOUDEST_DB} dB of the loudest {@value #LOUDEST_WINDOWS} windows (256 ms) so far is
 * loud: it goes to the decoder at once, and so do the {@value #TAIL_WINDOWS} windows after it
 * (160 ms: a last consonant, and the silence the decoder ends a word on). Quieter windows after those
 * are held: fed when a loud window follows (a pause inside a command is kept whole, only later), and
 * dropped when the segment ends. The segment's start is never cut: the first window is loud by
 * definition, and the open tier (Whisper) is fed the whole segment regardless.
 * <p>
 * Pure state, no I/O; one segment at a time, on one thread. Memory is bounded: past
 * {@value #MAX_HELD_WINDOWS} windows (10 s) held, the oldest is fed.
 */
final class HeldTail {

    static final int WINDOW = 512;
    static final double BELOW_LOUDEST_DB = 15;
    static final int LOUDEST_WINDOWS = 8;
    static final int TAIL_WINDOWS = 5;
    static final int MAX_HELD_WINDOWS = 10 * 16_000 / WINDOW;
    private static final double LOUD_RATIO = Math.pow(10, -BELOW_LOUDEST_DB / 10);
    private static final short[] NONE = new short[0];

    private final short[] pending = new short[WINDOW];
    private int pendingFill;
    private final double[] recent = new double[LOUDEST_WINDOWS];
    private int windows;
    private double loudest;
    /** Windows fed since the last loud one; the tail is fed while this is under {@link #TAIL_WINDOWS}. */
    private int sinceLoud;
    private final Deque<short[]> held = new ArrayDeque<>();

    /**
     * More of the segment, 16 kHz mono.
     *
     * @return what to feed the decoder now, in order (may be empty): these samples, or part of them,
     *         after windows held before; the rest is held
     */
    short[] offer(short[] samples) {
        Out out = new Out(samples.length + held.size() * WINDOW + WINDOW);
        int i = 0;
        while (i < samples.length) {
            int n = Math.min(WINDOW - pendingFill, samples.length - i);
            System.arraycopy(samples, i, pending, pendingFill, n);
            pendingFill += n;
            i += n;
            if (pendingFill == WINDOW) {
                window(pending.clone(), out);
                pendingFill = 0;
            }
        }
        return out.samples();
    }

    /**
     * The segment ended: what is left to feed (a part window within the tail), and every held window
     * dropped.
     *
     * @return the last samples to feed, possibly empty
     */
    short[] end() {
        short[] last = held.isEmpty() && sinceLoud < TAIL_WINDOWS ? Arrays.copyOf(pending, pendingFill) : NONE;
        held.clear();
        pendingFill = 0;
        return last;
    }

    /** Samples held back now: dropped if the segment ends before a loud window. */
    int heldSamples() {
        return held.size() * WINDOW + pendingFill;
    }

    private void window(short[] w, Out out) {
        double power = PcmAudio.meanSquare(w, 0, w.length);
        recent[windows % LOUDEST_WINDOWS] = power;
        windows++;
        int n = Math.min(windows, LOUDEST_WINDOWS);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += recent[k];
        }
        loudest = Math.max(loudest, sum / n);
        if (power >= loudest * LOUD_RATIO) {
            held.forEach(out::add);
            held.clear();
            out.add(w);
            sinceLoud = 0;
        } else if (sinceLoud < TAIL_WINDOWS) {
            out.add(w);
            sinceLoud++;
        } else {
            held.addLast(w);
            if (held.size() > MAX_HELD_WINDOWS) {
                out.add(held.removeFirst());
            }
        }
    }

    /** Samples to feed, appended in order. */
    private static final class Out {
        private short[] buf;
        private int fill;

        Out(int capacity) {
            buf = new short[capacity];
        }

        void add(short[] w) {
            if (fill + w.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, fill + w.length));
            }
            System.arraycopy(w, 0, buf, fill, w.length);
            fill += w.length;
        }

        short[] samples() {
            return fill == 0 ? NONE : Arrays.copyOf(buf, fill);
        }
    }
}
