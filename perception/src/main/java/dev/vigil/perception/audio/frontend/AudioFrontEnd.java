package dev.vigil.perception.audio.frontend;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.DoubleTalk;
import dev.vigil.agent.message.EchoRejected;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoicePaused;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.perception.audio.aec.EchoCanceller;
import dev.vigil.perception.audio.aec.EchoDelayTracker;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import dev.vigil.perception.audio.vad.VoiceSegmenter;

import java.util.function.Supplier;

/**
 * The synchronous core of the audio front end, on 16 kHz mono audio addressed by absolute sample
 * index (session nanoseconds × 16 000 / 10⁹):
 * <ol>
 *   <li>every 10 ms: echo cancellation of the microphone against the loudspeaker samples that arrive
 *       with it: those of the same instant until the echo delay is measured, then those the measured
 *       (and drifting) delay earlier, less a small lead;</li>
 *   <li>every 32 ms window of cleaned audio: the voice-activity model's probability, the echo guard's
 *       verdict, and the segmenter's decision.</li>
 * </ol>
 * A failing voice-activity model is reported, replaced with a fresh one, and its window counts as
 * silence: the front end never stops on it. Not thread-safe except {@link #speaker}, which the event
 * loop may call while a worker runs {@link #microphone}.
 */
public final class AudioFrontEnd implements AutoCloseable {

    public static final int SAMPLE_RATE = 16_000;
    public static final int FRAME = 160;
    private static final double NANOS_PER_SAMPLE = 1e9 / SAMPLE_RATE;
    private static final double SILENCE_DB = -100;
    /**
     * Once the echo delay is known, the reference is aligned so the echo arrives this long (5 ms)
     * after it: near the start of the filter, where Speex adapts fastest, with room for what rings
     * ahead of the strongest peak (a resampler's filter, an earlier path). Measured on the live
     * recording and in simulation: 2 ms left a residual the voice model took for speech, 15 ms
     * cancelled less; 5–10 ms did best.
     */
    private static final int LEAD = 80;

    /** Where the front end's decisions go. */
    public interface Listener {
        void voiceStarted(VoiceStarted event);

        void voiceStopped(VoiceStopped event);

        /** A sound over the robot that is not its echo, before the voice model is sure ({@link DoubleTalk}). */
        default void doubleTalk(DoubleTalk event) {
        }

        /** The voice went quiet inside a segment; it may yet go on. */
        default void voicePaused(VoicePaused event) {
        }

        /**
         * A window the voice model and the echo guard took for the user's speech was judged background
         * speech (a TV behind the user, {@link BackgroundSettings}); {@code atNanos} is its end.
         */
        default void backgroundRejected(long atNanos) {
        }

        void echoRejected(EchoRejected event);

        void error(ComponentError error);
    }

    private final FrontEndSettings settings;
    private final EchoCanceller canceller;
    private final Supplier<VoiceActivityModel> models;
    private final Listener listener;
    private final ReferenceBuffer reference = new ReferenceBuffer(4 * SAMPLE_RATE);
    private final EchoGuard guard;
    private final VoiceSegmenter segmenter;
    private final BackgroundSpeechGate background;

    private VoiceActivityModel model;
    private final int window;
    private final short[] micFrame = new short[FRAME];
    private final short[] speakerFrame = new short[FRAME];
    private final short[] sameInstant = new short[FRAME];
    /** Null when the canceller is off or the delay is not tracked. */
    private final EchoDelayTracker delay;
    private int pathChanges;
    /** The echo delay is known and the reference aligned to it. */
    private boolean aligned;
    private final short[] cleanedFrame = new short[FRAME];
    private final float[] windowSamples;
    private int windowFill;
    private double windowEnergy;
    private double windowMicEnergy;
    /** The window's loudest microphone sample (absolute, 16-bit). */
    private int windowMicPeak;
    /** Loudspeaker level of each recent 10 ms frame, to find the loudest over the echo path. */
    private final double[] speakerLevels;
    private int speakerLevelNext;
    /** Frames of speakerLevels that the echo path spans: once the delay is known, the filter's length. */
    private final int alignedEchoPathFrames;
    /** Frames the room rings on beyond the echo path, and how fast (dB per frame) its echo falls meanwhile. */
    private final int ringFrames;
    private final double ringDecayDbPerFrame;
    /** The loudspeaker's pitch period of each recent 10 ms frame (NaN: not voiced), beside speakerLevels. */
    private final double[] speakerPeriods;
    /** The last 32 ms of what the canceller compared the microphone with, for its pitch. */
    private final float[] referenceWindow;
    private final Periodicity referencePitch;
    private final Periodicity cleanedPitch;
    /** Frames back over which the loudspeaker's sound may still be in the microphone: echo path and ringing. */
    private int audibleSpanFrames;
    private double windowSpeakerDb = SILENCE_DB;
    /** The level the room's echo follows: windowSpeakerDb, or more while the room rings after louder sound. */
    private double windowEchoDb = SILENCE_DB;
    private final BandLevels bandLevels;
    /** Band levels of the reference's last 32 ms at each recent 10 ms frame, beside speakerLevels. */
    private final double[][] speakerBands;
    /** Per band, what windowEchoDb is for the whole signal. */
    private final double[] windowEchoBands = new double[BandLevels.BANDS];
    private final double[] cleanedBands = new double[BandLevels.BANDS];

    /** Cleaned audio of the current microphone() call, handed out by takeCleaned(). */
    private short[] cleanedOut = new short[4 * FRAME];
    private int cleanedFill;
    private long cleanedStart = -1;

    /** Microphone samples waiting for a whole 10 ms frame. */
    private final short[] pending = new short[FRAME];
    private int pendingFill;
    /** How many of them stand for audio that capture lost. */
    private int pendingLost;
    private long nextSample = -1;
    /** How long the residual-echo suppression stage stays on after its last reason to ({@link #residualSuppressionNeeded}). */
    private static final long RESIDUAL_HOLD_NANOS = 3_000_000_000L;
    /** A 10 ms microphone frame this loud (dBFS) is speech at a normal level or louder. */
    private static final double LOUD_MICROPHONE_DB = -35;
    private long lastReferenceAudibleNanos = Long.MIN_VALUE / 2;
    private long lastLoudMicrophoneNanos = Long.MIN_VALUE / 2;
    /** The robot's turn goes on through pauses between its words shorter than this. */
    private static final long ROBOT_TURN_PAUSE_NANOS = 500_000_000L;
    private long lastRobotAudibleNanos = Long.MIN_VALUE / 2;
    /** When the loudspeaker was last audible, and until when its latest onset counts as first words. */
    private long lastSpeakerAudibleNanos = Long.MIN_VALUE / 2;
    private long firstWordsUntilNanos = Long.MIN_VALUE / 2;
    /** How long after the loudspeaker starts its echo may still be arriving: the longest delay, and a word. */
    private final long firstWordsNanos;
    private boolean robotSpeakingAtOnset;
    /** Windows in a row that stood {@code doubleTalkDb} above the echo and the room's floor. */
    private int doubleTalkRun;
    /** Two windows (64 ms): one loud window is as often a click or the canceller's slip. */
    private static final int DOUBLE_TALK_WINDOWS = 2;
    /** Where a segment's speech ended, for the live measures (the voice model's last window is late). */
    private final SpeechEndEstimator speechEnd = new SpeechEndEstimator();
    /** Cleaned level of the recent windows, for the room's quiet floor (the quietest of them). */
    private final double[] recentCleanedDb;
    private int recentCleanedNext;

    public AudioFrontEnd(FrontEndSettings settings, EchoCanceller canceller, Supplier<VoiceActivityModel> models,
                         Listener listener) {
        if (canceller.frameSize() != FRAME) {
            throw new IllegalArgumentException("echo canceller frame must be " + FRAME + " samples");
        }
        this.settings = settings;
        this.canceller = canceller;
        this.models = models;
        this.listener = listener;
        this.guard = new EchoGuard(settings.echoGuard());
        this.segmenter = new VoiceSegmenter(settings.vad());
        this.background = new BackgroundSpeechGate(settings.background());
        this.model = models.get();
        this.window = model.windowSize();
        this.windowSamples = new float[window];
        boolean tracking = settings.aec().enabled() && settings.aec().trackDelay();
        this.delay = tracking ? new EchoDelayTracker(SAMPLE_RATE, settings.aec().maxDelayMillis()) : null;
        // The echo can arrive up to one filter length after the reference; before its delay is
        // measured, anywhere up to the longest delay looked for, plus the filter length.
        this.alignedEchoPathFrames = settings.aec().filterMillis() / 10 + window / FRAME + 1;
        int unalignedFrames = alignedEchoPathFrames + (tracking ? settings.aec().maxDelayMillis() / 10 : 0);
        this.ringFrames = settings.echoGuard().reverbMillis() / 10;
        this.ringDecayDbPerFrame = ringFrames == 0 ? 0 : 60.0 / ringFrames;
        this.speakerLevels = new double[unalignedFrames + ringFrames];
        this.firstWordsNanos = (settings.aec().maxDelayMillis() + 300) * 1_000_000L;
        java.util.Arrays.fill(speakerLevels, SILENCE_DB);
        this.bandLevels = new BandLevels(window);
        this.speakerBands = new double[speakerLevels.length][BandLevels.BANDS];
        for (double[] b : speakerBands) {
            java.util.Arrays.fill(b, SILENCE_DB);
        }
        this.speakerPeriods = new double[speakerLevels.length];
        java.util.Arrays.fill(speakerPeriods, Double.NaN);
        this.referenceWindow = new float[window];
        this.referencePitch = new Periodicity(window);
        this.cleanedPitch = new Periodicity(window);
        // 1.5 s of windows: longer than a word, so a syllable's own level is never its floor.
        this.recentCleanedDb = new double[(int) Math.ceil(1.5 * SAMPLE_RATE / window)];
        java.util.Arrays.fill(recentCleanedDb, SILENCE_DB);
    }

    public static long sampleIndex(long nanos) {
        return Math.round(nanos / NANOS_PER_SAMPLE);
    }

    public static long nanosOf(long sampleIndex) {
        return Math.round(sampleIndex * NANOS_PER_SAMPLE);
    }

    /** What the loudspeaker played, starting at {@code startSample}. Safe to call from another thread. */
    public void speaker(long startSample, short[] samples) {
        reference.write(startSample, samples);
    }

    /** Microphone audio starting at {@code startSample}; processed as far as whole frames allow. */
    public void microphone(long startSample, short[] samples) {
        if (nextSample < 0) {
            nextSample = startSample;
        }
        int skip = 0;
        if (startSample > nextSample + pendingFill) {
            // A gap in capture: the missing time was silence as far as anyone can tell.
            fillGap(startSample - (nextSample + pendingFill));
        } else if (startSample < nextSample + pendingFill) {
            // Overlap with audio already taken: keep the first copy.
            skip = (int) Math.min(samples.length, nextSample + pendingFill - startSample);
        }
        for (int i = skip; i < samples.length; i++) {
            pending[pendingFill++] = samples[i];
            if (pendingFill == FRAME) {
                processFrame();
            }
        }
    }

    /**
     * The echo-cancelled audio produced since the last call (whole 10 ms frames), for recognition;
     * null when none.
     */
    public dev.vigil.agent.message.AudioFrame takeCleaned() {
        if (cleanedFill == 0) {
            return null;
        }
        var frame = new dev.vigil.agent.message.AudioFrame(nanosOf(cleanedStart), SAMPLE_RATE,
                java.util.Arrays.copyOf(cleanedOut, cleanedFill));
        cleanedFill = 0;
        cleanedStart = -1;
        return frame;
    }

    /** Ends an open voice segment at the end of the stream. */
    public void finish() {
        long now = nanosOf(nextSample);
        segmenter.flush(now).ifPresent(t -> {
            var stopped = (VoiceSegmenter.Stopped) t;
            background.segmentEnded(stopped.onsetNanos(), stopped.endNanos());
            listener.voiceStopped(new VoiceStopped(stopped.onsetNanos(), stopped.endNanos(), stopped.detectedNanos(),
                    speechEnd.estimate(stopped.onsetNanos(), stopped.endNanos())));
        });
    }

    /** Session time up to which the microphone has been processed. */
    public long processedNanos() {
        return nextSample < 0 ? 0 : nanosOf(nextSample);
    }

    /**
     * The echo path changed (a microphone or loudspeaker was reconnected, another device chosen):
     * the canceller's filter and the guard's leak estimate describe the old one, so both start over
     * from their pessimistic priors rather than let the robot's voice through as the user's.
     */
    public void echoPathChanged() {
        canceller.reset();
        guard.cancellerRestarted();
    }

    /**
     * The user took a turn (a final transcript with words) with the segment that started at
     * {@code onsetNanos}: for a while, a voice much fainter than theirs is background
     * ({@link BackgroundSettings}). Call in order with the audio.
     */
    public void userTurn(long onsetNanos) {
        background.engaged(onsetNanos);
    }

    public double echoLeakDb() {
        return guard.leakDb();
    }

    /** The measured loudspeaker-to-microphone delay in milliseconds, or NaN while unknown or not tracked. */
    public double echoDelayMillis() {
        return delay == null ? Double.NaN : delay.delaySamples(nextSample) * 1000.0 / SAMPLE_RATE;
    }

    private void fillGap(long missing) {
        if (delay != null) {
            delay.forget();
        }
        long fill = Math.min(missing, 2L * SAMPLE_RATE);
        for (long i = 0; i < fill; i++) {
            pendingLost++;
            pending[pendingFill++] = 0;
            if (pendingFill == FRAME) {
                processFrame();
            }
        }
        if (missing > fill) {
            // Longer than two seconds: start afresh at the new position.
            nextSample += missing - fill;
            model.reset();
        }
        // The stream may have been rebuilt, and the echo path with it.
        guard.cancellerRestarted();
    }

    private void processFrame() {
        System.arraycopy(pending, 0, micFrame, 0, FRAME);
        boolean lost = pendingLost == FRAME;
        pendingFill = 0;
        pendingLost = 0;
        long frameStart = nextSample;
        nextSample += FRAME;
        readReference(frameStart);
        recordSpeakerLevel();
        if (lost) {
            // Silence, not the canceller's answer to it: the microphone's silence minus the echo it
            // expected is the echo upside down, which sounds like speech, and the filter would learn
            // that the echo path vanished.
            java.util.Arrays.fill(cleanedFrame, (short) 0);
        } else {
            canceller.process(micFrame, speakerFrame, cleanedFrame, residualSuppressionNeeded(nanosOf(nextSample)));
        }
        if (cleanedStart < 0) {
            cleanedStart = frameStart;
        }
        if (cleanedFill + FRAME > cleanedOut.length) {
            cleanedOut = java.util.Arrays.copyOf(cleanedOut, cleanedOut.length * 2);
        }
        System.arraycopy(cleanedFrame, 0, cleanedOut, cleanedFill, FRAME);
        cleanedFill += FRAME;
        speechEnd.frame(nanosOf(nextSample), meanPower(cleanedFrame));
        for (int i = 0; i < FRAME; i++) {
            float v = cleanedFrame[i] / 32768f;
            float m = micFrame[i] / 32768f;
            windowSamples[windowFill++] = v;
            windowEnergy += v * v;
            windowMicEnergy += m * m;
            windowMicPeak = Math.max(windowMicPeak, Math.abs(micFrame[i]));
            if (windowFill == window) {
                try {
                    processWindow(nextSample - FRAME + i + 1 - window);
                } finally {
                    // A window that failed (a listener's exception) is lost, not the microphone: left
                    // full, every later sample would overrun it.
                    windowFill = 0;
                    windowEnergy = 0;
                    windowMicEnergy = 0;
                    windowMicPeak = 0;
                }
            }
        }
    }

    /**
     * Whether the canceller's residual-echo suppression stage should shape this frame: while the
     * robot may be heard (its reference audible in the last {@value #RESIDUAL_HOLD_NANOS} ns, which
     * covers the longest echo delay and the room's ringing), or while the microphone is loud (a frame
     * at {@value #LOUD_MICROPHONE_DB} dBFS or more in as long: speech at a normal level, or echo from
     * a loudspeaker whose reference is not tapped, passes the stage unharmed). Otherwise the stage has
     * no echo to remove and only harms: Speex's gain stage took a median 17 dB off speech at
     * −50 dBFS above 2 kHz, even with noise suppression at 0 dB, and Whisper heard
     * "go forward two meters" as "don't worry we're doing these" (docs/performance.md, "Quiet speech").
     */
    private boolean residualSuppressionNeeded(long frameEndNanos) {
        if (speakerLevels[back(1)] >= settings.echoGuard().robotAudibleDb()) {
            lastReferenceAudibleNanos = frameEndNanos;
        }
        if (decibels(meanPower(micFrame)) >= LOUD_MICROPHONE_DB) {
            lastLoudMicrophoneNanos = frameEndNanos;
        }
        return frameEndNanos - lastReferenceAudibleNanos <= RESIDUAL_HOLD_NANOS
                || frameEndNanos - lastLoudMicrophoneNanos <= RESIDUAL_HOLD_NANOS;
    }

    /**
     * Fills speakerFrame with what the canceller compares the microphone frame with, and offers the
     * frame to the delay tracker. Whenever the delay is found anew (first measured, or the path
     * changed) or forgotten (capture interrupted), the echo moves in the canceller's filter: the
     * canceller starts afresh, and the guard assumes it cancels nothing until evidence says otherwise.
     */
    private void readReference(long frameStart) {
        if (delay == null) {
            reference.read(frameStart, speakerFrame);
            return;
        }
        reference.read(frameStart, sameInstant);
        delay.add(frameStart, micFrame, sameInstant);
        double echoDelay = delay.alignmentSamples(frameStart);
        double shift = Double.isNaN(echoDelay) || echoDelay - LEAD < ReferenceBuffer.HALF_TAPS ? 0 : echoDelay - LEAD;
        if (delay.pathChanges() != pathChanges) {
            pathChanges = delay.pathChanges();
            aligned = !Double.isNaN(echoDelay);
            canceller.reset();
            guard.cancellerRestarted();
        }
        if (shift == 0) {
            System.arraycopy(sameInstant, 0, speakerFrame, 0, FRAME);
        } else {
            reference.readAt(frameStart - shift, speakerFrame);
        }
    }

    /**
     * The loudest loudspeaker level over the echo path (windowSpeakerDb), and the level the room's
     * echo follows (windowEchoDb): beyond the echo path, earlier sound still counts, falling by 60 dB
     * over the reverberation the guard allows for, since the room rings on where the filter ends.
     */
    private void recordSpeakerLevel() {
        speakerLevels[speakerLevelNext] = decibels(meanPower(speakerFrame));
        System.arraycopy(referenceWindow, FRAME, referenceWindow, 0, window - FRAME);
        for (int i = 0; i < FRAME; i++) {
            referenceWindow[window - FRAME + i] = speakerFrame[i] / 32768f;
        }
        speakerPeriods[speakerLevelNext] = speakerLevels[speakerLevelNext] >= settings.echoGuard().robotAudibleDb()
                ? referencePitch.period(referenceWindow, 0, window) : Double.NaN;
        bandLevels.levels(referenceWindow, speakerBands[speakerLevelNext]);
        speakerLevelNext = (speakerLevelNext + 1) % speakerLevels.length;
        int span = (aligned ? alignedEchoPathFrames : speakerLevels.length - ringFrames);
        windowSpeakerDb = loudestBack(k -> speakerLevels[back(k)], span, false);
        windowEchoDb = loudestBack(k -> speakerLevels[back(k)], span, true);
        for (int b = 0; b < BandLevels.BANDS; b++) {
            int band = b;
            windowEchoBands[b] = loudestBack(k -> speakerBands[back(k)][band], span, true);
        }
        audibleSpanFrames = span + ringFrames;
    }

    /**
     * The loudest of a per-frame loudspeaker level over the last {@code span} frames (the echo path),
     * and with {@code ringing} also over the frames before them, falling by 60 dB over the
     * reverberation the guard allows for.
     *
     * @param levelBack the level {@code k} frames back (1: the frame just recorded), dBFS
     */
    private double loudestBack(java.util.function.IntToDoubleFunction levelBack, int span, boolean ringing) {
        double loudest = SILENCE_DB;
        for (int k = 1; k <= span; k++) {
            loudest = Math.max(loudest, levelBack.applyAsDouble(k));
        }
        for (int k = span + 1; ringing && k <= span + ringFrames; k++) {
            loudest = Math.max(loudest, levelBack.applyAsDouble(k) - (k - span) * ringDecayDbPerFrame);
        }
        return loudest;
    }

    /** Index into the per-frame loudspeaker arrays of the frame {@code k} frames back (1: the frame just recorded). */
    private int back(int k) {
        return Math.floorMod(speakerLevelNext - k, speakerLevels.length);
    }

    private void processWindow(long windowStart) {
        long startNanos = nanosOf(windowStart);
        long endNanos = nanosOf(windowStart + window);
        float probability = probability(endNanos);
        double cleanedDb = decibels(windowEnergy / window);
        double micDb = decibels(windowMicEnergy / window);
        learnFirstWords(endNanos, cleanedDb);
        boolean wasSpeaking = segmenter.speaking();
        // Only the robot's echo needs telling apart from another voice.
        boolean otherVoice = Math.max(windowSpeakerDb, windowEchoDb) >= settings.echoGuard().robotAudibleDb()
                && otherVoice();
        EchoGuard.Verdict verdict = guard.judge(endNanos, cleanedDb, windowSpeakerDb, windowEchoDb, windowMicPeak,
                wasSpeaking, otherVoice ? loudestBandOverEcho() : EchoGuard.NOT_ANOTHER_VOICE);
        detectDoubleTalk(endNanos, cleanedDb, verdict, wasSpeaking);
        if (verdict.robotAudible() && !verdict.userPossible() && probability >= settings.vad().startThreshold()) {
            listener.echoRejected(new EchoRejected(endNanos, probability,
                    String.format("%.0f dB, predicted echo %.0f dB", cleanedDb, verdict.predictedEchoDb())));
        }
        // A voice the loudspeaker did not play is not its echo, however it compares with the estimate.
        if (verdict.robotAudible() && !wasSpeaking && !otherVoice
                && !(verdict.userPossible() && probability >= settings.vad().startThreshold())) {
            guard.learnEcho(endNanos, micDb, cleanedDb, Math.max(windowSpeakerDb, windowEchoDb), verdict.userPossible());
        }
        if (verdict.robotAudible()) {
            lastRobotAudibleNanos = endNanos;
        }
        if (!wasSpeaking) {
            robotSpeakingAtOnset = endNanos - lastRobotAudibleNanos <= ROBOT_TURN_PAUSE_NANOS;
        }
        boolean speechLike = verdict.userPossible() && segmenter.countsAsSpeech(probability, otherVoice);
        boolean foreground = background.allows(endNanos, windowEnergy / window, speechLike, wasSpeaking);
        if (!foreground) {
            listener.backgroundRejected(endNanos);
        } else if (speechLike && wasSpeaking) {
            background.counted(windowEnergy / window);
        }
        segmenter.accept(startNanos, endNanos, probability, verdict.userPossible() && foreground, otherVoice).ifPresent(t -> {
            if (t instanceof VoiceSegmenter.Started s) {
                background.counted(windowEnergy / window);
                listener.voiceStarted(new VoiceStarted(s.onsetNanos(), s.detectedNanos(), s.probability(),
                        robotSpeakingAtOnset));
            } else if (t instanceof VoiceSegmenter.Paused p) {
                listener.voicePaused(new VoicePaused(p.onsetNanos(), p.lastSpeechEndNanos(), p.detectedNanos()));
            } else if (t instanceof VoiceSegmenter.Stopped s) {
                if (verdict.robotAudible()) {
                    guard.doubleTalkEnded();
                }
                background.segmentEnded(s.onsetNanos(), s.endNanos());
                listener.voiceStopped(new VoiceStopped(s.onsetNanos(), s.endNanos(), s.detectedNanos(),
                        speechEnd.estimate(s.onsetNanos(), s.endNanos())));
            }
        });
    }

    /**
     * Double talk: while the robot is audible and no segment is open, two windows in a row standing
     * {@code doubleTalkDb} above both the predicted echo and the room's quiet floor. The voice model
     * does not call a fricative speech (the "s" of "stop" scored 0.04–0.37 over the robot), so the
     * level says it first; the floor keeps a steady noise bed, which stands above the echo in the
     * robot's pauses, from counting. Reported once per run of such windows.
     */
    private void detectDoubleTalk(long endNanos, double cleanedDb, EchoGuard.Verdict verdict, boolean speaking) {
        double floor = Double.POSITIVE_INFINITY;
        for (double db : recentCleanedDb) {
            floor = Math.min(floor, db);
        }
        recentCleanedDb[recentCleanedNext] = cleanedDb;
        recentCleanedNext = (recentCleanedNext + 1) % recentCleanedDb.length;
        double margin = settings.echoGuard().doubleTalkDb();
        double above = cleanedDb - Math.max(verdict.predictedEchoDb(), floor);
        // userPossible: a saturated capture is no evidence either way.
        doubleTalkRun = margin > 0 && verdict.robotAudible() && verdict.userPossible() && !speaking && above >= margin
                && !background.isBackground(endNanos, windowEnergy / window) ? doubleTalkRun + 1 : 0;
        if (doubleTalkRun == DOUBLE_TALK_WINDOWS) {
            listener.doubleTalk(new DoubleTalk(endNanos, above,
                    endNanos + settings.echoGuard().doubleTalkConfirmMillis() * 1_000_000L));
        }
    }

    /**
     * Whether the cleaned window is a voice the loudspeaker did not play: voiced, and repeating at none
     * of the pitch periods the loudspeaker played over the echo path and the room's ringing (what the
     * canceller leaves of the robot's voice keeps the robot's pitch). The double-talk detector's one
     * measure that does not rest on levels: with the echo as loud as the user, a user's word standing
     * 4–5 dB above the predicted echo was otherwise learned as leak, and the rest of it went unheard.
     */
    private boolean otherVoice() {
        double period = cleanedPitch.period(windowSamples, 0, window);
        if (Double.isNaN(period)) {
            return false;
        }
        for (int k = 1; k <= audibleSpanFrames; k++) {
            if (cleanedPitch.repeatsAt(speakerPeriods[back(k)])) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far the cleaned window's loudest band, relative to the loudspeaker, stands above the
     * loudspeaker's level in that band over the echo path (dB): where a voice differs from the robot's
     * in spectrum, one band carries it far above the echo even when its level overall does not.
     */
    private double loudestBandOverEcho() {
        bandLevels.levels(windowSamples, cleanedBands);
        double loudest = EchoGuard.NOT_ANOTHER_VOICE;
        for (int b = 0; b < BandLevels.BANDS; b++) {
            loudest = Math.max(loudest, cleanedBands[b] - windowEchoBands[b]);
        }
        return loudest;
    }

    /**
     * While the echo delay is unknown, the robot's first words after a silence teach the guard how
     * loud its echo is, before the window is judged: the canceller has not found the echo yet, so
     * there is no evidence of it to wait for, and the echo may be louder than the loudspeaker's own
     * signal. Only with the delay tracked: without it there is no "known" to wait for.
     */
    private void learnFirstWords(long endNanos, double cleanedDb) {
        if (windowSpeakerDb >= settings.echoGuard().robotAudibleDb()) {
            if (endNanos - lastSpeakerAudibleNanos > settings.echoGuard().onsetAfterMillis() * 1_000_000L) {
                firstWordsUntilNanos = endNanos + firstWordsNanos;
            }
            lastSpeakerAudibleNanos = endNanos;
        }
        if (delay != null && !aligned && endNanos <= firstWordsUntilNanos && !segmenter.speaking()) {
            guard.learnFirstWords(cleanedDb, Math.max(windowSpeakerDb, windowEchoDb));
        }
    }

    private float probability(long atNanos) {
        try {
            return model.speechProbability(windowSamples);
        } catch (Exception e) {
            listener.error(new ComponentError("vad", "voice-activity model failed, restarting it: " + ComponentError.oneLine(e), atNanos));
            restartModel(atNanos);
            return 0f;
        }
    }

    private void restartModel(long atNanos) {
        try {
            model.close();
        } catch (RuntimeException ignored) {
            // Already broken; the replacement is what matters.
        }
        try {
            model = models.get();
        } catch (RuntimeException e) {
            listener.error(new ComponentError("vad", "could not restart the voice-activity model: " + ComponentError.oneLine(e), atNanos));
            model.reset();
        }
    }


    /** Mean power of one 10 ms frame of 16-bit samples, full scale 1. */
    private static double meanPower(short[] frame) {
        return PcmAudio.meanSquare(frame, 0, frame.length);
    }

    private static double decibels(double meanSquare) {
        return meanSquare <= 1e-10 ? SILENCE_DB : 10 * Math.log10(meanSquare);
    }

    @Override
    public void close() {
        canceller.close();
        model.close();
    }
}
