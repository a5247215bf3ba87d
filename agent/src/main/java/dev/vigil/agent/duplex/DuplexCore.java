package dev.vigil.agent.duplex;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The duplex core: feeds the {@link DuplexModel} one unit at a time and keeps the floor.
 * <ul>
 *   <li><b>Units.</b> Cleaned microphone audio ({@code vigil.voice.audio}) is the unit clock: every
 *   {@code unitMillis} of audio closes a unit; a final transcript closes one early (end of turn) so a
 *   model that answers at end of turn answers at once. The model runs on its own one-thread worker
 *   pool ({@value #WORKER_POOL}), in order.</li>
 *   <li><b>Barge-in.</b> User voice while the robot speaks stops it at once: {@code StopSpeaking}
 *   goes out from the event-loop handler, before the model hears about it.</li>
 *   <li><b>False interruption.</b> If that speech ends within {@code falseInterruptionMillis} and
 *   brings no words, the robot restates the part of its utterance that was not played.</li>
 *   <li><b>History.</b> The robot's last utterance is remembered as it was really played.</li>
 * </ul>
 * Handlers run on the event loop and never block.
 */
public final class DuplexCore extends AbstractVerticle {

    public static final String WORKER_POOL = "vigil-duplex";

    private final DuplexModel model;
    private final FloorSettings settings;
    private final WorkInFlight work;
    private WorkerExecutor worker;
    private EventBus bus;

    private long unitIndex;
    private long unitStart = -1;
    private short[] unitAudio = new short[16_000];
    private int unitFill;
    private final List<Transcript> unitTranscripts = new ArrayList<>();
    private boolean userSpeaking;
    private boolean robotSpeaking;
    private long sessionNanos;

    /** The barge-in being watched for a false interruption. */
    private BargeIn pendingBargeIn;
    private boolean pendingHeardWords;
    private UtterancePlayed cutUtterance;
    private volatile String lastPlayedText = "";
    private final java.util.concurrent.atomic.AtomicInteger sayCount = new java.util.concurrent.atomic.AtomicInteger();

    public DuplexCore(DuplexModel model, FloorSettings settings, WorkInFlight work) {
        this.model = model;
        this.settings = settings;
        this.work = work;
    }

    @Override
    public void start(Promise<Void> started) {
        bus = vertx.eventBus();
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
        };
        bus.<AudioFrame>localConsumer(Addresses.VOICE_AUDIO, m -> onAudio(m.body()));
        bus.<VoiceStarted>localConsumer(Addresses.VOICE_STARTED, m -> onVoiceStarted(m.body()));
        bus.<VoiceStopped>localConsumer(Addresses.VOICE_STOPPED, m -> onVoiceStopped(m.body()));
        bus.<Transcript>localConsumer(Addresses.TRANSCRIPTS, m -> onTranscript(m.body()));
        bus.<RobotSpeaking>localConsumer(Addresses.ROBOT_SPEAKING, m -> robotSpeaking = m.body().speaking());
        bus.<UtterancePlayed>localConsumer(Addresses.UTTERANCE_PLAYED, m -> onPlayed(m.body()));
        worker.executeBlocking(() -> {
            model.prepare(session);
            return null;
        }, true).onSuccess(v -> started.complete()).onFailure(started::fail);
    }

    private void onAudio(AudioFrame frame) {
        sessionNanos = frame.endNanos();
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

    private void onVoiceStarted(VoiceStarted started) {
        userSpeaking = true;
        if (robotSpeaking) {
            // The user takes the floor: stop now, tell the model afterwards.
            bus.publish(Addresses.STOP_SPEAKING, new StopSpeaking("barge-in", started.detectedNanos()));
            pendingBargeIn = new BargeIn(started.onsetNanos(), started.detectedNanos(), "");
            pendingHeardWords = false;
            cutUtterance = null;
            bus.publish(Addresses.BARGE_IN, pendingBargeIn);
            onModel(() -> model.interrupt());
        }
    }

    private void onVoiceStopped(VoiceStopped stopped) {
        userSpeaking = false;
    }

    private void onTranscript(Transcript transcript) {
        unitTranscripts.add(transcript);
        boolean words = hasWords(transcript);
        if (pendingBargeIn != null && words) {
            pendingHeardWords = true;
        }
        if (transcript.isFinal()) {
            if (pendingBargeIn != null && !pendingHeardWords
                    && transcript.endNanos() - pendingBargeIn.onsetNanos() <= settings.falseInterruptionMillis() * 1_000_000L) {
                resume(transcript.endNanos());
            }
            pendingBargeIn = null;
            closeUnit(transcript.endNanos(), true);
        }
    }

    private void onPlayed(UtterancePlayed played) {
        lastPlayedText = played.playedText();
        if (played.truncated() && pendingBargeIn != null) {
            cutUtterance = played;
        }
    }

    /** A false interruption: say again what the cut utterance had not said. */
    private void resume(long atNanos) {
        UtterancePlayed cut = cutUtterance;
        if (cut == null) {
            return;
        }
        String rest = remainder(cut.text(), cut.playedText());
        bus.publish(Addresses.FALSE_INTERRUPTION, new FalseInterruption(pendingBargeIn.atNanos(), atNanos, cut.utteranceId()));
        if (!rest.isBlank()) {
            say(rest, atNanos);
        }
    }

    /** The words of {@code text} after the played prefix, restarting at the sentence or clause that was cut. */
    static String remainder(String text, String played) {
        String[] all = text.trim().split("\\s+");
        int heard = played.isBlank() ? 0 : played.trim().split("\\s+").length;
        int from = Math.min(heard, all.length);
        // Back up to the start of the cut clause: a restated fragment should make sense on its own.
        while (from > 0 && !all[from - 1].matches(".*[.,;:!?]$")) {
            from--;
        }
        return String.join(" ", Arrays.copyOfRange(all, from, all.length));
    }

    private boolean hasWords(Transcript t) {
        if (t.text().isBlank() || t.confidence() < settings.minWordConfidence()) {
            return false;
        }
        for (String word : t.text().toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            if (!settings.fillers().contains(word)) {
                return true;
            }
        }
        return false;
    }

    private void closeUnit(long endNanos, boolean endOfTurn) {
        if (unitStart < 0) {
            unitStart = endNanos;
        }
        Unit unit = new Unit(unitIndex++, unitStart, endNanos, Arrays.copyOf(unitAudio, unitFill), userSpeaking,
                robotSpeaking, List.copyOf(unitTranscripts), endOfTurn);
        unitStart = endNanos;
        unitFill = 0;
        unitTranscripts.clear();
        onModel(() -> {
            model.prefill(unit);
            Decision decision = model.generate();
            if (decision instanceof Decision.Speak speak && !speak.text().isBlank()) {
                say(speak.text(), unit.endNanos());
            }
        });
    }

    private void say(String text, long atNanos) {
        bus.publish(Addresses.SAY, new Say("robot-" + sayCount.incrementAndGet(), text, atNanos));
    }

    /** Runs model work on the duplex worker, in order, counted as work in flight. */
    private void onModel(Runnable task) {
        work.begin();
        worker.executeBlocking(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                bus.publish(Addresses.ERRORS, new ComponentError("duplex-model", ComponentError.oneLine(e), sessionNanos));
            } finally {
                work.end();
            }
            return null;
        }, true);
    }

    @Override
    public void stop() {
        if (worker != null) {
            worker.executeBlocking(() -> {
                model.close();
                return null;
            }, true).onComplete(done -> worker.close());
        }
    }
}
