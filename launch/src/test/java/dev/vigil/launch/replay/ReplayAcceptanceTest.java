package dev.vigil.launch.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.launch.Agent;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.launch.scenario.ScenarioRenderer;
import dev.vigil.perception.audio.frontend.FailingVoiceActivityModel;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import dev.vigil.perception.testing.Speech;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline as a replay runs it (Vert.x, the front-end verticle, the simulated room), on real
 * engines, checked on the figures the report gives.
 */
class ReplayAcceptanceTest {

    private static FliteSynthesizer flite;

    @TempDir
    Path dir;

    @BeforeAll
    static void engines() {
        flite = new FliteSynthesizer();
    }

    static Path project() {
        return Path.of("").toAbsolutePath().getParent();
    }

    static RenderedScenario render(Path scenario) throws Exception {
        return new ScenarioRenderer(flite).render(ScenarioLoader.load(scenario));
    }

    static Report replay(RenderedScenario rendered, Speed speed, boolean aec, Supplier<VoiceActivityModel> models)
            throws Exception {
        FrontEndSettings settings = FrontEndSettings.defaults();
        settings = settings.withAec(settings.aec().withEnabled(aec));
        return ReplayRun.run(rendered, new ReplayRun.Options(speed, settings, models, null));
    }

    @Test
    void aFailingVoiceModelMidRunIsReportedAndTheRunCompletes() throws Exception {
        RenderedScenario rendered = render(project().resolve("scenarios/hears-duplex.yaml"));
        AtomicInteger made = new AtomicInteger();
        // The first model dies on window 700 (22.4 s, between two utterances); later ones are healthy.
        Supplier<VoiceActivityModel> models = () -> made.getAndIncrement() == 0
                ? new FailingVoiceActivityModel(Speech.silero(), 700) : Speech.silero();
        Report report = replay(rendered, Speed.MAX, true, models);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.component()).isEqualTo("vad");
            assertThat(e.tS()).isBetween(22.0, 23.0);
        });
        assertThat(report.processing().wallS()).isPositive();
        assertThat(report.missedUserSpeech()).as("utterances missed around a failed window").isZero();
        assertThat(report.voiceSegments().stream().filter(v -> v.startS() > 23)).as("segments after the failure").hasSize(7);
    }

    @Test
    void aFailingSynthesizerLeavesTheLoopListening() throws Exception {
        RenderedScenario rendered = render(project().resolve("scenarios/demo.yaml"));
        var store = dev.vigil.engines.models.ModelStore.fromEnvironment();
        var intents = new dev.vigil.policy.intent.IntentRecognizer(dev.vigil.engines.models.ModelCatalog.load(), store,
                dev.vigil.engines.EngineOptions.defaults());
        var conversation = new Agent.Conversation(
                () -> new dev.vigil.speech.asr.Sphinx4Asr(dev.vigil.speech.asr.AsrGrammar.robot()),
                executor -> new FailingTts(), () -> new dev.vigil.policy.cascade.CascadeModel(intents));
        Report report = ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(),
                Speech::silero, null, null, conversation));
        assertThat(report.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.component()).isEqualTo("tts");
            assertThat(e.message()).contains("injected synthesis failure");
        });
        assertThat(report.utterances()).as("nothing was said").isEmpty();
        // Still listening: intents keep coming after the first failure, up to the last command.
        double firstFailure = report.errors().get(0).tS();
        assertThat(report.intents().stream().filter(i -> i.tS() > firstFailure)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(report.intents().get(report.intents().size() - 1).intent()).isEqualTo("follow_me");
    }

    @Test
    void maxSpeedAndRealTimeDecideTheSame() throws Exception {
        RenderedScenario rendered = render(project().resolve("scenarios/human-speech/cards-002.yaml"));
        Report fast = replay(rendered, Speed.MAX, true, Speech::silero);
        Report live = replay(rendered, Speed.REALTIME, true, Speech::silero);
        assertThat(live.voiceSegments()).isEqualTo(fast.voiceSegments());
        assertThat(live.processing().wallS()).as("real time takes the scenario's length").isGreaterThan(rendered.durationSeconds() * 0.9);
        Report again = replay(rendered, Speed.MAX, true, Speech::silero);
        assertThat(again.voiceSegments()).as("replays are deterministic").isEqualTo(fast.voiceSegments());
    }

    @Test
    void theReportHasEveryDocumentedField() throws Exception {
        Report report = replay(render(project().resolve("scenarios/human-speech/cards-001.yaml")), Speed.MAX, true,
                Speech::silero);
        JsonNode json = new ObjectMapper().readTree(dev.vigil.launch.ReportJson.write(report));
        for (String field : List.of("scenario", "speed", "aec", "duration_s", "voice_segments", "truth_segments",
                "robot_speech_segments", "measures", "live_measures", "self_interruptions", "false_detections", "missed_user_speech",
                "dropped_audio_ms", "echo_rejected_windows", "unit_deadline_misses", "errors", "expectations", "passed",
                "processing",
                "telemetry", "watches", "observations_summary", "false_alarms", "frames_dropped", "audio_drops")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.at("/processing/engines").findValuesAsText("model")).as("the backend choices")
                .contains("silero-vad-v5");
        assertThat(json.at("/measures/vad_onset_ms").has("median")).isTrue();
        assertThat(json.at("/voice_segments/0").has("detected_at_s")).isTrue();
        assertThat(json.at("/expectations/0").has("passed")).isTrue();
        assertThat(json.at("/telemetry").toString()).contains("vigil.audio.processed")
                .as("the JVM's own metrics vary from run to run: not in the report").doesNotContain("jvm.");
    }
}
