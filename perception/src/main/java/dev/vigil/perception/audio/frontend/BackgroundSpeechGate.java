package dev.vigil.perception.audio.frontend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells background speech from the user's by level (issue "understands free speech", item 5): after a
 * user's turn, a voice {@link BackgroundSettings#belowUserDb()} fainter than theirs is not a voice the
 * robot listens to. Pure state, no I/O, no clock: times come from the audio, one call per 32 ms window
 * in order, so a replay decides alike on every run.
 * <p>
 * A voice's level is judged over its last {@value #SPAN_WINDOWS} speech windows (512 ms), not one
 * window: single windows of one sentence spread from 20 dB below its active level to 9 dB above it,
 * while the mean over 512 ms stays within about −8..+5 dB (flite's voices, measured; architecture.md).
 * The limit sits {@value #SPAN_EXCESS_DB} dB above the background's level, so that a background voice's
 * loudest half-second does not pass, and a voice 10 dB fainter than the user still does. At a user's
 * onset over the background, the mean power is the louder voice's: the user passes within a window
 * or two. Inside a segment the rule applies only while a background voice has been heard lately, over
 * a shorter span ({@value #OPEN_SPAN_WINDOWS} windows): see {@link #allows}.
 */
final class BackgroundSpeechGate {

    static final int SPAN_WINDOWS = 16;
    static final int OPEN_SPAN_WINDOWS = 6;
    static final double SPAN_EXCESS_DB = 6;
    /**
     * How fast the level of a background voice is learned from the windows refused as it: about the
     * last 20 of them (0.6 s of its speech), in power.
     */
    static final double BACKGROUND_LEARNING = 0.05;
    /**
     * While a background voice is heard, a voice must stand this much above its learned level, dB: a
     * radio's 512 ms means spread up to 4 dB over its own level and reached 13.4 dB below the user, over
     * a limit 14 dB below (background-speech-radio.yaml), and each such stretch started a segment.
     */
    static final double OVER_BACKGROUND_DB = 6;
    /**
     * Refused windows before a background voice's level is trusted (half a second of it): the soft
     * first windows of the user's own onset (a breath, a fricative) are refused too, and their level
     * taken for a background's split a command at its pause (pauses.yaml).
     */
    static final int LEARNED_AFTER_WINDOWS = 16;
    /**
     * ...but the limit never comes nearer the engaged user's level than this, dB: a voice 10 dB fainter
     * than the user is a user still (a step back, a turned head), even over a loud background.
     */
    static final double USER_MARGIN_DB = 10;
    /** The fewest windows a level is averaged over (64 ms). */
    static final int MIN_WINDOWS = 2;
    /**
     * How long after a voice was last refused as background the segments' own windows are judged too:
     * a TV talks on for minutes, a command lasts seconds.
     */
    static final long BACKGROUND_HOLD_NANOS = 10_000_000_000L;
    /**
     * Refused windows within the span that make a background voice: a TV gives dozens, the soft first
     * window of the user's own onset one, and that must not put the user's own syllables on trial.
     */
    static final int REFUSED_FOR_BACKGROUND = 3;
    /** Segments remembered for a turn's level: a final transcript comes a few segments late at most. */
    private static final int REMEMBERED_SEGMENTS = 16;

    private final BackgroundSettings settings;
    private final double[] power = new double[SPAN_WINDOWS];
    private final boolean[] speech = new boolean[SPAN_WINDOWS];
    private final boolean[] refused = new boolean[SPAN_WINDOWS];
    private int next;
    private double segmentPower;
    private int segmentWindows;
    /** A segment that ended: its active level, dBFS, and its end, session time. */
    private record Segment(double levelDb, long endNanos) {
    }

    private final Map<Long, Segment> segments = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Segment> eldest) {
            return size() > REMEMBERED_SEGMENTS;
        }
    };
    private double engagedDb = Double.NaN;
    /** Windows refused since the background voice heard lately was first refused. */
    private int backgroundWindows;
    /** The background voice's learned level, mean square; meaningful while {@link #backgroundUntilNanos} holds. */
    private double backgroundPower;
    private long engagedUntilNanos = Long.MIN_VALUE;
    private long backgroundUntilNanos = Long.MIN_VALUE;

    BackgroundSpeechGate(BackgroundSettings settings) {
        this.settings = settings;
    }

    /**
     * Whether a window may count as the user's voice.
     *
     * @param endNanos    the window's end, session time
     * @param meanSquare  the window's cleaned-signal mean square (full scale 1)
     * @param speechLike  the voice model and the echo guard would take the window for the user's speech:
     *                    the only windows judged, and the ones a level is taken over (any other counts
     *                    as silence anyway). Over the robot's voice the echo guard lets only a
     *                    background's loudest syllables through: at least {@value #MIN_WINDOWS} windows'
     *                    worth is averaged, missing ones counting as silence
     * @param open        a segment is open: judged only if a voice was refused as background in the
     *                    last 10 s ({@value #REFUSED_FOR_BACKGROUND} windows within half a second), and
     *                    over its last {@value #OPEN_SPAN_WINDOWS} such windows (192 ms) only, so that
     *                    once the user stops, the background talking on under them ends the segment
     *                    within about 200 ms (over 512 ms, the segments of commands said over a TV ran
     *                    0.3 s longer, and the recogniser heard the TV's words as "now" and "robot" at
     *                    their ends)
     */
    boolean allows(long endNanos, double meanSquare, boolean speechLike, boolean open) {
        power[next] = meanSquare;
        speech[next] = speechLike;
        refused[next] = false;
        next = (next + 1) % SPAN_WINDOWS;
        if (!speechLike) {
            return true;   // silence to the segmenter either way
        }
        if (open && endNanos > backgroundUntilNanos) {
            // No background voice lately: the end of an utterance fades, and in a quiet room judging
            // it by level only cut the user's last syllables (a voice 9 dB fainter than the engaged
            // one lost 128 ms of "wait a moment", over the robot's echo).
            return true;
        }
        double sum = 0;
        int n = 0;
        int span = open ? OPEN_SPAN_WINDOWS : SPAN_WINDOWS;
        for (int k = 1; k <= span; k++) {
            int i = Math.floorMod(next - k, SPAN_WINDOWS);
            if (speech[i]) {
                sum += power[i];
                n++;
            }
        }
        // Few windows say little: over the robot, a lone loud window of a radio 20 dB down passed.
        boolean allowed = decibels(sum / Math.max(n, MIN_WINDOWS)) >= limitDb(endNanos);
        refused[Math.floorMod(next - 1, SPAN_WINDOWS)] = !allowed;
        if (!allowed) {
            // A new background voice starts its own level; a known one's drifts slowly (a talk show's
            // sentences differ by a few dB).
            boolean known = endNanos <= backgroundUntilNanos;
            backgroundPower = known ? (1 - BACKGROUND_LEARNING) * backgroundPower + BACKGROUND_LEARNING * meanSquare
                    : meanSquare;
            backgroundWindows = known ? backgroundWindows + 1 : 1;
        }
        if (!allowed && count(refused) >= REFUSED_FOR_BACKGROUND) {
            backgroundUntilNanos = endNanos + BACKGROUND_HOLD_NANOS;
        }
        return allowed;
    }

    /**
     * The level a voice must reach at {@code atNanos}, dBFS: the floor, and while engaged the engaged
     * level less {@code belowUserDb} plus {@value #SPAN_EXCESS_DB} dB; while a background voice has been
     * refused in the last 10 s, also {@value #OVER_BACKGROUND_DB} dB above that voice's learned level,
     * up to {@value #USER_MARGIN_DB} dB below the engaged user's.
     *
     * <p>Onsets are judged at the full excess: before double talk paused the robot on the level of a
     * "stop"'s first consonant, a 3 dB excess had kept slt's barge-in from coming 220 ms late; since,
     * it only let a radio 17 dB down through at its loud syllables, during the robot's reply.
     */
    double limitDb(long atNanos) {
        double limit = settings.floorDbfs();
        if (atNanos <= engagedUntilNanos) {
            limit = Math.max(limit, engagedDb - settings.belowUserDb() + SPAN_EXCESS_DB);
            if (atNanos <= backgroundUntilNanos && backgroundWindows >= LEARNED_AFTER_WINDOWS) {
                limit = Math.max(limit, Math.min(decibels(backgroundPower) + OVER_BACKGROUND_DB,
                        engagedDb - USER_MARGIN_DB));
            }
        }
        return limit;
    }

    /**
     * Whether one window is, by its level alone, the background voice heard lately: below the limit
     * while a voice has been refused as background in the last 10 s. Double talk asks this: over the
     * robot's long answer, a radio's syllables stood 13–38 dB above the predicted echo, and each of
     * them paused the robot (20 pauses in background-speech-radio.yaml).
     */
    boolean isBackground(long endNanos, double meanSquare) {
        return endNanos <= backgroundUntilNanos && decibels(meanSquare) < limitDb(endNanos);
    }

    /** A window that counted as voice in the open segment: part of the segment's level. */
    void counted(double meanSquare) {
        segmentPower += meanSquare;
        segmentWindows++;
    }

    /** The open segment ended; its level is kept for {@link #engaged}. */
    void segmentEnded(long onsetNanos, long endNanos) {
        if (segmentWindows > 0) {
            segments.put(onsetNanos, new Segment(decibels(segmentPower / segmentWindows), endNanos));
        }
        segmentPower = 0;
        segmentWindows = 0;
        // The next segment starts on its own windows: with the user's last syllables still in the
        // span, the background talking on after them started a segment of its own at once.
        java.util.Arrays.fill(speech, false);
    }

    /**
     * The user took a turn with the segment that started at {@code onsetNanos}: the robot is engaged
     * with a voice at that segment's level until {@link BackgroundSettings#engagedMillis()} after its
     * end. The latest turn sets the level (the user may have stepped closer or away), unless it is
     * itself below the limit of an engagement still running. A segment not remembered (too old, or no
     * window counted) changes nothing.
     */
    void engaged(long onsetNanos) {
        Segment segment = segments.get(onsetNanos);
        if (segment == null || settings.engagedMillis() == 0) {
            return;
        }
        if (segment.endNanos() <= engagedUntilNanos && segment.levelDb() < limitDb(segment.endNanos())) {
            // A turn below the limit while engaged is background that got through (a radio's loudest
            // sentence heard as words): it must not become the level the rest is judged by.
            return;
        }
        engagedDb = segment.levelDb();
        engagedUntilNanos = segment.endNanos() + settings.engagedMillis() * 1_000_000L;
    }

    /** The engaged user's level, dBFS, or NaN before any turn. */
    double engagedDb() {
        return engagedDb;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    private static double decibels(double meanSquare) {
        return meanSquare <= 1e-10 ? -100 : 10 * Math.log10(meanSquare);
    }
}
