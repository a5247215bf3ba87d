package dev.vigil.agent.measure;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.Measured;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Say;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.agent.telemetry.Telemetry;
import dev.vigil.agent.testing.BusHarness;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.finalTranscript;
import static dev.vigil.agent.testing.Messages.voiceStarted;
import static dev.vigil.agent.testing.Messages.voiceStopped;
import static org.assertj.core.api.Assertions.assertThat;

/** The live measures of a turn, from the agent's own messages on a virtual clock. */
class LiveMeasuresTest {

    @RegisterExtension
    final BusHarness bus = new BusHarness();

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    @BeforeEach
    void attach() {
        bus.onLoop(() -> LiveMeasures.attach(bus.bus(), bus.clock(), new Telemetry(otel)));
        bus.record(Addresses.MEASURED);
    }

    @AfterEach
    void close() {
        bus.close();
        otel.close();
    }

    private List<Measured> measured() {
        return bus.published(Addresses.MEASURED, Measured.class);
    }

    /** The user spoke 1.0–2.0 s; words at 2.4 s, the decision at 2.5 s, the answer's first sample at 2.62 s. */
    private void answeredTurn() {
        bus.send(Addresses.VOICE_STARTED, voiceStarted(1.0));
        bus.advanceTo(seconds(2.3));
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(1.0, 2.0));
        bus.advanceTo(seconds(2.4));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("turn left", 1.0, 2.0));
        bus.advanceTo(seconds(2.5));
        bus.send(Addresses.SAY, new Say("robot-1", "Turning left.", seconds(2.0), null));
        bus.advanceTo(seconds(2.62));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-1", "Turning left.", seconds(2.62)));
    }

    @Test
    void aTurnAnsweredYieldsEachStageFromTheEndOfSpeech() {
        answeredTurn();
        assertThat(measured()).extracting(Measured::measure, Measured::millis).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Measure.ASR_FINAL_MS, 400.0),
                org.assertj.core.groups.Tuple.tuple(Measure.END_OF_TURN_MS, 500.0),
                org.assertj.core.groups.Tuple.tuple(Measure.TTS_FIRST_AUDIO_MS, 120.0),
                org.assertj.core.groups.Tuple.tuple(Measure.VOICE_TO_VOICE_MS, 620.0));
        assertThat(spans.getFinishedSpanItems()).as("the trace is written once the answer has played").isEmpty();

        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-1", "Turning left.", "Turning left.",
                seconds(2.62), seconds(3.5), 880, false));
        List<SpanData> trace = spans.getFinishedSpanItems();
        assertThat(trace).extracting(SpanData::getName).containsExactlyInAnyOrder(
                "vigil.turn", "vigil.vad", "vigil.asr", "vigil.decide", "vigil.tts", "vigil.playback");
        assertThat(trace).extracting(SpanData::getTraceId).as("one trace").containsOnly(trace.get(0).getTraceId());
        SpanData turn = trace.stream().filter(s -> s.getName().equals("vigil.turn")).findFirst().orElseThrow();
        assertThat(turn.getAttributes().get(AttributeKey.doubleKey("vigil.voice_to_voice_ms")))
                .as("the same figure as the measure").isEqualTo(620.0);
        assertThat(turn.getEndEpochNanos() - turn.getStartEpochNanos()).as("onset 1.0 s → last sample 3.5 s")
                .isEqualTo(seconds(2.5));
        SpanData asr = trace.stream().filter(s -> s.getName().equals("vigil.asr")).findFirst().orElseThrow();
        assertThat(asr.getParentSpanId()).isEqualTo(turn.getSpanId());
        assertThat(asr.getEndEpochNanos() - asr.getStartEpochNanos()).as("end of speech → final").isEqualTo(seconds(0.4));
    }

    @Test
    void anAnswerCutByTheUsersNextWordsIsStillItsTurnsTrace() {
        answeredTurn();
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));   // over the answer
        bus.send(Addresses.UTTERANCE_PLAYED, new UtterancePlayed("robot-1", "Turning left.", "Turning",
                seconds(2.62), seconds(3.2), 580, true));
        SpanData turn = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("vigil.turn"))
                .findFirst().orElseThrow();
        assertThat(turn.getAttributes().get(AttributeKey.booleanKey("vigil.truncated"))).isTrue();
        assertThat(turn.getAttributes().get(AttributeKey.doubleKey("vigil.voice_to_voice_ms"))).isEqualTo(620.0);
    }

    @Test
    void aScriptedLineIsNoAnswerAndTheUserSpeakingAgainEndsTheWait() {
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(1.0, 1.3));
        bus.advanceTo(seconds(1.7));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("", 1.0, 1.3));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("scripted-1", "Hello.", seconds(1.8)));
        assertThat(measured()).as("no words, no answer yet: nothing measured").isEmpty();
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-0", "Sorry, I didn't catch that.", seconds(2.0)));
        assertThat(measured()).extracting(Measured::measure, Measured::millis)
                .as("a mumble answered is a turn answered")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Measure.VOICE_TO_VOICE_MS, 700.0));

        bus.clearRecorded();
        bus.send(Addresses.VOICE_STOPPED, voiceStopped(2.5, 2.8));
        bus.send(Addresses.VOICE_STARTED, voiceStarted(3.0));
        bus.send(Addresses.UTTERANCE_STARTED, new UtteranceStarted("robot-2", "More.", seconds(3.5)));
        assertThat(measured()).as("the user spoke again before any answer").isEmpty();
    }

    @Test
    void aBargeInStopsAtTheRobotsLastSampleEvenWhenDoubleTalkPausedItFirst() {
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, seconds(4.0), "A long answer."));
        bus.send(Addresses.BARGE_IN, new BargeIn(seconds(5.0), seconds(5.2), "robot-1"));
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, seconds(5.22), ""));
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(true, seconds(7.0), "Another."));
        bus.send(Addresses.ROBOT_SPEAKING, new RobotSpeaking(false, seconds(8.06), ""));   // double talk
        bus.send(Addresses.BARGE_IN, new BargeIn(seconds(8.0), seconds(8.25), "robot-2"));
        assertThat(measured()).extracting(Measured::millis).containsExactly(220.0, 60.0);
    }

    @Test
    void theSummaryTotalsTheValuesAsListedToATenthOfAMillisecond() {
        Summary summary = LiveMeasures.summarize(List.of(new Measured(Measure.ASR_FINAL_MS, 332.04, 0),
                new Measured(Measure.ASR_FINAL_MS, 0.1, 0), new Measured(Measure.ASR_FINAL_MS, 0.2, 0))).get(Measure.ASR_FINAL_MS);
        // 332.0 + 0.1 + 0.2, not 332.30000000000001 nor the unrounded 332.34
        assertThat(summary).isEqualTo(new Summary(3, 0.2, 332.0, 332.0, 332.3));
        assertThat(Summary.of(List.of()).sum()).as("no samples, no sum (JSON has no NaN)").isNull();
    }
}
