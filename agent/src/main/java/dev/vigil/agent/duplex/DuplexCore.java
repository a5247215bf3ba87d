package dev.vigil.agent.duplex;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.ContextTimers;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.PauseSpeaking;
import dev.vigil.agent.message.ResetSession;
import dev.vigil.agent.message.ResumeSpeaking;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.SayRequest;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UnitDeadlineMissed;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.DoubleTalk;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.runtime.ThreadPriority;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The duplex core: feeds the {@link DuplexModel} one unit at a time and keeps the floor.
 * <ul>
 *   <li><b>Units.</b> Cleaned microphone audio ({@code vigil.voice.audio}) is the unit clock: every
 *   {@code unitMillis} of audio closes a unit; a final transcript closes one early (end of turn) so a
 *   model that answers at end of turn answers at once, and so does the end of a wait the model asked
 *   for ({@code Session.endTurnAt}: the rest of a command after a pause) unless the user speaks again. The model runs on its own one-thread worker
 *   pool ({@value #WORKER_POOL}), in order. A unit the model cannot start on within {@code unitMillis}
 *   of its end is a deadline miss: counted, published, and skipped unless it ends the user's turn.</li>
 *   <li><b>Barge-in.</b> The user's voice onset while the robot speaks, or is about to (a reply queued
 *   or being synthesized, or still being decided), pauses all of it at once from the event loop:
 *   {@code PauseSpeaking} for the audio, and decisions the model returns meanwhile are held.
 *   {@code DoubleTalk} (a sound over the robot that cannot be its echo, before the voice model is
 *   sure: the "s" of a "stop") pauses the audio sooner; a voice onset by its deadline is the
 *   barge-in, and without one {@code ResumeSpeaking} plays on.</li>
 *   <li><b>Words or not.</b> A transcript with words (not fillers, confident enough, and words that
 *   the model says take the floor: {@link DuplexModel#interrupts}) confirms the
 *   barge-in: {@code StopSpeaking} flushes the audio and cancels synthesis, held and pending replies
 *   are dropped, and the model is interrupted directly, not behind its current step. No words within
 *   {@code falseInterruptionMillis} (a timer on the clock) or a final transcript without words is a
 *   false interruption: {@code ResumeSpeaking} plays the held audio on, held replies are said.</li>
 *   <li><b>Stop.</b> Any {@code StopSpeaking} on the bus (the stop fast path's) drops everything
 *   pending, like words do.</li>
 *   <li><b>Behaviours speak.</b> A {@code SayRequest} ({@code vigil.control.say.request}) waits until the
 *   floor is free: the user is not speaking and has no words still being recognised, no barge-in is
 *   being judged, the model is not deciding and has no wait for the rest of a command running. Then
 *   every waiting request is said, alerts first, each in the order asked, after whatever the robot
 *   is saying — unless one of them interrupts ({@code SayRequest.interrupt}, a watch's alert): then
 *   what the robot is saying or about to say is cut first, as words of a barge-in cut it. Once said it is an utterance like any other: a barge-in pauses and cuts it. At most
 *   {@value #MAX_REQUESTS} wait; beyond that the oldest request that is no alert is dropped, with
 *   one line.</li>
 *   <li><b>History.</b> The robot's last utterance is remembered as it was really played;
 *   {@code vigil.control.reset} forgets it and resets the model, as does the end of the session.</li>
 * </ul>
 * Handlers and timers run on the event loop and never block.
 */
public final class DuplexCore extends AbstractVerticle {

    public static final String WORKER_POOL = "vigil-duplex";
    /** Say requests that may wait for the floor. */
    public static final int MAX_REQUESTS = 32;
    private static final System.Logger LOG = System.getLogger(DuplexCore.class.getName());

    private final DuplexModel model;
    private final FloorSettings settings;
    private final WorkInFlight work;
    private final Clock clock;
    /** Set when no clock was given: the core then keeps time by the audio it hears. */
    private final VirtualClock audioClock;
    private final AtomicLong deadlineMisses = new AtomicLong();
    private WorkerExecutor worker;
    private EventBus bus;
    private ContextTimers timers;

    // Event-loop state.
    private long unitIndex;
    private long unitStart = -1;
    private short[] unitAudio = new short[16_000];
    private int unitFill;
    private final List<Transcript> unitTranscripts = new ArrayList<>();
    private CameraFrame unitFrame;
    /** What each vision engine last saw, by engine, in the order engines first reported. */
    private final java.util.Map<String, SceneObservations> scene = new java.util.LinkedHashMap<>();
    private boolean userSpeaking;
    /** Onset of the segment the user is speaking, or last spoke. */
    private long voiceOnsetNanos = Long.MIN_VALUE;
    /** Onsets of voice segments that ended and whose final transcript has not arrived yet. */
    private final Set<Long> finalsPending = new LinkedHashSet<>();
    /**
     * Onset of the latest segment a final transcript answered. Segments are recognised in order, so a
     * segment that ends with an onset at or before it has had its final already. The bus keeps order
     * per publisher only: the end comes from the front end's thread, the final from recognition's
     * worker, and a fast decode overtook the end in real-time runs. Counted, such a final left a
     * segment "still being recognised" for good, and every command that could grow waited for the
     * user's next words instead of its window.
     */
    private long lastFinalStartNanos = Long.MIN_VALUE;
    private long lastVoiceEndNanos;
    private boolean robotSpeaking;
    private volatile long sessionNanos;
    /** The utterance the loudspeaker is playing (or holds paused), if any. */
    private String playingId;
    /** Utterances this core asked for that have not been reported played yet, in order. */
    private final Set<String> unfinished = new LinkedHashSet<>();
    /** Model steps queued or running: a reply may be on its way. */
    private int deciding;
    /** Bumped whenever pending replies are dropped; a decision from an older epoch is not said. */
    private long epoch;
    private Hold hold;
    /** While double talk holds the robot paused awaiting a voice onset: the time it plays on; else null. */
    private Clock.Timer doubleTalk;
    /** The last stop this core sent, to tell it from others when it comes back on the bus. */
    private StopSpeaking ownStop;
    private int sayCount;
    /** Behaviours' requests waiting for the floor: alerts first, then in the order asked. */
    private final List<SayRequest> requested = new ArrayList<>();
    /** Waits the model asked for (the rest of a command) that have not run out or been taken back. */
    private int turnWaits;
    private volatile String lastPlayedText = "";

    /**
     * A barge-in being judged: the window's timer and the replies decided meanwhile.
     * {@code bargeIn} is null when nothing was audible yet and only the model's decisions are held.
     */
    private static final class Hold {
        final BargeIn bargeIn;
        /** Onset of the voice segment that began the hold. */
        final long firstOnsetNanos;
        final List<Decision.Speak> replies = new ArrayList<>();
        Clock.Timer window;
        /** The window closed while the user was still speaking: it runs again from the speech's end. */
        boolean outlasted;

        Hold(BargeIn bargeIn, long firstOnsetNanos) {
            this.bargeIn = bargeIn;
            this.firstOnsetNanos = firstOnsetNanos;
        }
    }

    /**
     * Onsets of the segments of the last hold resumed as a false interruption, first and last: their
     * finals, should they come after the window decided (recognition late on a busy CPU), are no turn.
     */
    private long resumedFromNanos = Long.MAX_VALUE;
    private long resumedToNanos = Long.MIN_VALUE;

    /**
     * A core that keeps time by its audio: a virtual clock advanced to the end of each frame of
     * {@code vigil.voice.audio}, so its timers behave alike at any replay pace.
     */
    public DuplexCore(DuplexModel model, FloorSettings settings, WorkInFlight work) {
        this(model, settings, work, null);
    }

    /**
     * @param clock the session's clock (wall clock live, the replay's virtual clock in replay); its
     *              timers run the false-interruption windows and the model's timeouts, and unit
     *              deadlines are measured on it
     */
    public DuplexCore(DuplexModel model, FloorSettings settings, WorkInFlight work, Clock clock) {
        this.model = model;
        this.settings = settings;
        this.work = work;
        this.audioClock = clock == null ? new VirtualClock() : null;
        this.clock = clock == null ? audioClock : clock;
    }

    /** Units the model could not start on in time since the core started (see {@code UnitDeadlineMissed}). */
    public long unitDeadlineMisses() {
        return deadlineMisses.get();
    }

    @Override
    public void start(Promise<Void> started) {
        bus = vertx.eventBus();
        timers = new ContextTimers(clock, context, work);
        worker = vertx.createSharedWorkerExecutor(WORKER_POOL, 1);
        DuplexModel.Session session = new DuplexModel.Session() {
            @Override
            public void publish(Intent intent) {
                bus.publish(Addresses.INTENTS, intent);
            }

            @Override
            public long nanos() {
                return sessionNanos;
            }

            @Override
            public String lastPlayedText() {
                return lastPlayedText;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public FloorSettings settings() {
                return settings;
            }

            @Override
            public Clock.Timer endTurnAt(long atNanos) {
                // Counted on the event loop, where the floor is decided: the model asks from its worker.
                context.runOnContext(v -> turnWaits++);
                AtomicBoolean settled = new AtomicBoolean();
                Clock.Timer timer = timers.at(atNanos, () -> {
                    if (settled.compareAndSet(false, true)) {
                        turnWaits--;
                    }
                    modelEndsTurn();
                });
                return new Clock.Timer() {
                    @Override
                    public long atNanos() {
                        return timer.atNanos();
                    }

                    @Override
                    public boolean cancel() {
                        boolean cancelled = timer.cancel();
                        if (cancelled && settled.compareAndSet(false, true)) {
                            context.runOnContext(v -> {
                                turnWaits--;
                                sayRequested();
                            });
                        }
                        return cancelled;
                    }
                };
            }
        };
        bus.<AudioFrame>localConsumer(Addresses.VOICE_AUDIO, m -> onAudio(m.body()));
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> onVoiceStarted(m.body()));
        bus.<DoubleTalk>localConsumer(Addresses.DOUBLE_TALK, m -> onDoubleTalk(m.body()));
        bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> onVoiceStopped(m.body()));
        bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, m -> onTranscript(m.body()));
        bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING, m -> robotSpeaking = m.body().speaking());
        bus.<UtteranceStarted>localConsumer(Addresses.UTTERANCE_STARTED, m -> playingId = m.body().utteranceId());
        bus.<UtterancePlayed>localConsumer(Addresses.UTTERANCE_PLAYED, m -> onPlayed(m.body()));
        bus.<StopSpeaking>localConsumer(Addresses.STOP_SPEAKING, m -> onStop(m.body()));
        bus.<ResetSession>localConsumer(Addresses.RESET, m -> onReset());
        bus.<SayRequest>localConsumer(Addresses.SAY_REQUESTS, m -> onSayRequest(m.body()));
        // By reference: the unit hands the model the newest frame and the latest of each engine.
        bus.<CameraFrame>localConsumer(Addresses.CAMERA_FRAMES, m -> unitFrame = m.body());
        bus.<SceneObservations>localConsumer(Addresses.OBSERVATIONS, m -> scene.put(m.body().engine(), m.body()));
        worker.executeBlocking(() -> {
            model.prepare(session);
            return null;
        }, true).onSuccess(v -> started.complete()).onFailure(started::fail);
    }

    private void onAudio(AudioFrame frame) {
        sessionNanos = frame.endNanos();
        if (audioClock != null && frame.endNanos() > audioClock.nanos()) {
            audioClock.advanceTo(frame.endNanos());
        }
        if (unitStart < 0) {
            unitStart = frame.captureNanos();
        }
        if (unitFill + frame.samples().length > unitAudio.length) {
            unitAudio = Arrays.copyOf(unitAudio, Math.max(unitAudio.length * 2, unitFill + frame.samples().length));
        }
        System.arraycopy(frame.samples(), 0, unitAudio, unitFill, frame.samples().length);
        unitFill += frame.samples().length;
        if (frame.endNanos() - unitStart >= settings.unitMillis() * 1_000_000L) {
            closeUnit(frame.endNanos(), false);
        }
    }

    /**
     * Double talk over the robot: pause at once, before the voice model is sure. A voice onset by
     * {@link DoubleTalk#confirmByNanos()} turns it into a barge-in; without one the robot plays on.
     * More double talk meanwhile extends the wait.
     */
    private void onDoubleTalk(DoubleTalk talk) {
        if (hold != null || userSpeaking || !audible()) {
            return;
        }
        if (doubleTalk == null) {
            bus.publish(Addresses.PAUSE_SPEAKING, new PauseSpeaking("double-talk", talk.detectedNanos()));
        } else {
            doubleTalk.cancel();
        }
        doubleTalk = timers.at(talk.confirmByNanos(), () -> {
            doubleTalk = null;
            resumeAfterDoubleTalk();
        });
    }

    /** The double-talk pause found no voice: the robot plays on. */
    private void resumeAfterDoubleTalk() {
        bus.publish(Addresses.RESUME_SPEAKING, new ResumeSpeaking("no-voice", clock.nanos()));
    }

    /** The double-talk pause, if any, is no longer this core's to end. */
    private void endDoubleTalk() {
        if (doubleTalk != null) {
            doubleTalk.cancel();
            doubleTalk = null;
        }
    }

    private void onVoiceStarted(VoiceStarted started) {
        userSpeaking = true;
        voiceOnsetNanos = started.onsetNanos();
        boolean pausedByDoubleTalk = doubleTalk != null;
        endDoubleTalk();
        if (hold != null) {
            // More voice while holding: the window runs from the latest onset.
            arm(hold, started.onsetNanos());
            return;
        }
        boolean audible = audible();
        if (!audible && deciding == 0) {
            if (pausedByDoubleTalk) {
                // Nothing left to hold (it cannot happen while paused, but a paused loudspeaker must
                // never be left waiting for a resume nobody will send).
                resumeAfterDoubleTalk();
            }
            return;   // the floor was free: simply the user's turn
        }
        BargeIn bargeIn = null;
        if (audible) {
            // Pause first, judge later: a cough must not lose the answer, words must not wait for it.
            bus.publish(Addresses.PAUSE_SPEAKING, new PauseSpeaking("barge-in", started.detectedNanos()));
            bargeIn = new BargeIn(started.onsetNanos(), started.detectedNanos(), cutUtterance());
            bus.publish(Addresses.BARGE_IN, bargeIn);
        }
        hold = new Hold(bargeIn, started.onsetNanos());
        arm(hold, started.onsetNanos());
    }

    private void onVoiceStopped(VoiceStopped stopped) {
        userSpeaking = false;
        // The recogniser answers every segment with a final transcript, empty or not.
        if (stopped.onsetNanos() > lastFinalStartNanos) {
            finalsPending.add(stopped.onsetNanos());
        }
        lastVoiceEndNanos = stopped.endNanos();
        if (hold != null && hold.outlasted) {
            arm(hold, stopped.endNanos());
        }
        sayRequested();
    }

    private void onTranscript(Transcript transcript) {
        unitTranscripts.add(transcript);
        if (transcript.isFinal()) {
            long start = transcript.startNanos();
            lastFinalStartNanos = Math.max(lastFinalStartNanos, start);
            // Segments are recognised in order: an earlier one still awaited will not be answered now.
            finalsPending.removeIf(onset -> onset <= start);
        }
        boolean endOfTurn = transcript.isFinal();
        if (hold == null && transcript.isFinal() && transcript.startNanos() >= resumedFromNanos
                && transcript.startNanos() <= resumedToNanos && !hasWords(transcript)) {
            // The late final of a sound the window already judged a false interruption (live, over the
            // robot's "Turning left.", its empty words came 2.3 s after the sound, 0.3 s after the
            // window): still no turn, or the robot answered its own echo "Sorry, I didn't catch that."
            endOfTurn = false;
        }
        if (hold != null) {
            if (hasWords(transcript)) {
                cancel("barge-in");
            } else if (transcript.isFinal()) {
                endOfTurn = false;   // a cough is not a turn: nothing for the model to answer
                if (finalsPending.isEmpty() && !(userSpeaking && voiceOnsetNanos > transcript.startNanos())) {
                    // No words here, none still being recognised and no later sound going on: a false
                    // interruption. A sound's empty words while the user speaks again decide nothing:
                    // resuming then would talk over what may be a "stop" (the window decides later).
                    resume(hold);
                }
            }
        }
        if (transcript.isFinal()) {
            closeUnit(transcript.endNanos(), endOfTurn);
        }
        sayRequested();
    }

    /**
     * The model's wait for the rest of a command ran out. Speech since then, or words still being
     * recognised, end the turn with their own final transcript instead.
     */
    private void modelEndsTurn() {
        if (!userSpeaking && finalsPending.isEmpty()) {
            closeUnit(Math.max(sessionNanos, clock.nanos()), true);
        }
    }

    private void onPlayed(UtterancePlayed played) {
        unfinished.remove(played.utteranceId());
        if (played.utteranceId().equals(playingId)) {
            playingId = null;
        }
        if (played.playedMillis() > 0) {
            lastPlayedText = played.playedText();
        }
    }

    private void onStop(StopSpeaking stop) {
        if (stop != ownStop) {   // by reference: the local codec delivers the very record sent
            dropPending();
        }
    }

    private void onReset() {
        lastPlayedText = "";
        work.begin();
        worker.executeBlocking(() -> {
            model.reset();
            return null;
        }, true).onComplete(done -> {
            if (done.failed()) {
                reportModelError(done.cause());
            }
            work.end();
        });
    }

    private void arm(Hold h, long fromNanos) {
        if (h.window != null) {
            h.window.cancel();
        }
        h.outlasted = false;
        h.window = timers.at(fromNanos + settings.falseInterruptionMillis() * 1_000_000L, () -> windowClosed(h));
    }

    private void windowClosed(Hold h) {
        if (hold != h) {
            return;
        }
        if (userSpeaking) {
            // Still talking: too long for a cough, but no words yet (recognition may lag). Resuming
            // now would talk over the user; the final transcript or a window after the speech decides.
            h.outlasted = true;
            return;
        }
        long awaitFinalUntil = lastVoiceEndNanos + settings.falseInterruptionMillis() * 1_000_000L;
        if (!finalsPending.isEmpty() && clock.nanos() < awaitFinalUntil) {
            // The speech ended and its words are still being recognised: on a busy CPU that outlasts
            // the window, and resuming now would talk over a command. The final transcript decides;
            // should it never come, a window from the speech's end does.
            h.window = timers.at(awaitFinalUntil, () -> windowClosed(h));
            return;
        }
        resume(h);
    }

    /** A false interruption: play on what was held. */
    private void resume(Hold h) {
        long now = clock.nanos();
        hold = null;
        resumedFromNanos = h.firstOnsetNanos;
        resumedToNanos = voiceOnsetNanos;
        if (h.window != null) {
            h.window.cancel();
        }
        if (h.bargeIn != null) {
            bus.publish(Addresses.RESUME_SPEAKING, new ResumeSpeaking("false-interruption", now));
            bus.publish(Addresses.FALSE_INTERRUPTION,
                    new FalseInterruption(h.bargeIn.atNanos(), now, h.bargeIn.utteranceId()));
        }
        h.replies.forEach(reply -> say(reply, now));
        sayRequested();
    }

    /** The user has the floor: nothing the robot was about to say will be said. */
    private void cancel(String reason) {
        boolean audible = audible() || (hold != null && hold.bargeIn != null);
        dropPending();
        if (audible) {
            ownStop = new StopSpeaking(reason, clock.nanos());
            bus.publish(Addresses.STOP_SPEAKING, ownStop);
        }
    }

    private void dropPending() {
        endDoubleTalk();
        if (hold != null) {
            if (hold.window != null) {
                hold.window.cancel();
            }
            hold = null;
        }
        epoch++;
        // Flushed by the stop: they will be reported, but can no longer play.
        unfinished.clear();
        playingId = null;
        try {
            model.interrupt();
        } catch (RuntimeException e) {
            reportModelError(e);
        }
    }

    private boolean audible() {
        return robotSpeaking || playingId != null || !unfinished.isEmpty();
    }

    /** The utterance a barge-in cuts: the one playing, else the next one queued, else unknown. */
    private String cutUtterance() {
        if (playingId != null) {
            return playingId;
        }
        return unfinished.isEmpty() ? "" : unfinished.iterator().next();
    }

    private boolean hasWords(Transcript t) {
        if (t.text().isBlank() || t.confidence() < settings.minWordConfidence()) {
            return false;
        }
        for (String word : t.text().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!settings.fillers().contains(word)) {
                return model.interrupts(t);
            }
        }
        return false;
    }

    private void closeUnit(long endNanos, boolean endOfTurn) {
        if (unitStart < 0) {
            unitStart = endNanos;
        }
        Unit unit = new Unit(unitIndex++, unitStart, endNanos, Arrays.copyOf(unitAudio, unitFill), userSpeaking,
                robotSpeaking, List.copyOf(unitTranscripts), endOfTurn,
                unitFrame == null ? List.of() : List.of(unitFrame), List.copyOf(scene.values()));
        unitFrame = null;
        unitStart = endNanos;
        unitFill = 0;
        unitTranscripts.clear();
        long unitEpoch = epoch;
        deciding++;
        work.begin();
        worker.executeBlocking(() -> decide(unit), true).onComplete(result -> {
            // Back on the event loop, where the floor's state lives.
            try {
                deciding--;
                if (result.failed()) {
                    reportModelError(result.cause());
                } else {
                    decided(result.result(), unitEpoch, unit.endNanos());
                }
                sayRequested();
            } finally {
                work.end();
            }
        });
    }

    /** On the model's worker. */
    private Decision decide(Unit unit) {
        ThreadPriority.ensureNice(ThreadPriority.DECISION_NICE);
        long waited = clock.nanos() - unit.endNanos();
        if (waited > settings.unitMillis() * 1_000_000L) {
            // The model fell behind the audio. A plain unit is skipped so it catches up; a turn's end
            // carries the words to answer and is processed late rather than lost.
            boolean skip = !unit.endOfTurn();
            deadlineMisses.incrementAndGet();
            bus.publish(Addresses.UNIT_DEADLINE_MISSED, new UnitDeadlineMissed(unit.index(), unit.endNanos(), waited, skip));
            if (skip) {
                return Decision.LISTEN;
            }
        }
        model.prefill(unit);
        return model.generate();
    }

    private void decided(Decision decision, long unitEpoch, long atNanos) {
        if (!(decision instanceof Decision.Speak speak) || !speak.audible()) {
            return;
        }
        if (unitEpoch != epoch) {
            return;   // decided for a floor the user has taken since
        }
        if (hold != null) {
            hold.replies.add(speak);
            return;
        }
        say(speak, atNanos);
    }

    private void onSayRequest(SayRequest request) {
        if (requested.size() == MAX_REQUESTS) {
            // The oldest request that is no alert makes room; when all that wait are alerts, a new
            // request that is no alert is the one dropped.
            SayRequest dropped = requested.stream().filter(r -> !r.alert()).findFirst()
                    .orElse(request.alert() ? requested.get(0) : request);
            LOG.log(System.Logger.Level.WARNING, "say request from " + dropped.source() + " dropped: more than "
                    + MAX_REQUESTS + " wait for the floor");
            if (dropped == request) {
                return;
            }
            requested.remove(dropped);
        }
        int at = requested.size();
        if (request.alert()) {
            at = 0;
            while (at < requested.size() && requested.get(at).alert()) {
                at++;
            }
        }
        requested.add(at, request);
        sayRequested();
    }

    /** Says the behaviours' waiting requests if the floor is free. */
    private void sayRequested() {
        if (requested.isEmpty() || userSpeaking || hold != null || !finalsPending.isEmpty() || deciding > 0
                || turnWaits > 0) {
            return;
        }
        long now = clock.nanos();
        if (requested.stream().anyMatch(SayRequest::interrupt)) {
            // An alert that cannot wait for the end of the robot's own answer ("we've reached floor
            // 16" over a long chat reply): the answer is cut like a barge-in cuts it, and not resumed.
            cancel("alert");
        }
        for (SayRequest request : requested) {
            say(new Decision.Speak(request.text()), now);
        }
        requested.clear();
    }

    private void say(Decision.Speak speak, long atNanos) {
        String id = "robot-" + ++sayCount;
        unfinished.add(id);
        bus.publish(Addresses.SAY, new Say(id, speak.text() == null ? "" : speak.text(), atNanos, speak.audio24k()));
    }

    private void reportModelError(Throwable failure) {
        bus.publish(Addresses.ERRORS, new ComponentError("duplex-model", ComponentError.oneLine(failure), sessionNanos));
    }

    /** The session ends: the model forgets it, then closes. */
    @Override
    public void stop(Promise<Void> stopped) {
        if (hold != null && hold.window != null) {
            hold.window.cancel();
        }
        if (worker == null) {
            stopped.complete();
            return;
        }
        worker.executeBlocking(() -> {
            try {
                model.reset();
            } finally {
                model.close();
            }
            return null;
        }, true).onComplete(done -> worker.close().onComplete(closed -> stopped.complete()));
    }
}
