package dev.vigil.launch;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.testing.Speech;
import dev.vigil.perception.vision.VisionEngine;
import dev.vigil.perception.vision.VisionException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vision engine that throws on every frame (a stand-in: no real engine can be made to fail on
 * demand) during the elevator conversation: each failure is one line and a count, and the agent keeps
 * listening and speaking; the watch it was asked for simply never fires.
 */
class VisionFailureTest {

    private static final VisionEngine BROKEN = new VisionEngine() {
        @Override
        public String name() {
            return "ocr";
        }

        @Override
        public List<Observation> observe(CameraFrame frame) {
            throw new VisionException("ocr: injected failure\nwith a second line that must not show");
        }

        @Override
        public void close() {
        }
    };

    @Test
    void aVisionEngineThatThrowsIsCountedAndTheConversationGoesOn() throws Exception {
        RenderedScenario rendered;
        try (var flite = new dev.vigil.speech.tts.engine.FliteSynthesizer()) {
            rendered = new dev.vigil.launch.scenario.ScenarioRenderer(flite)
                    .render(dev.vigil.launch.scenario.ScenarioLoader.load(Cli.project().resolve("scenarios/elevator.yaml")));
        }
        var conversation = AgentParts.conversation(ModelStore.fromEnvironment(), java.util.Optional.empty());
        Report report = ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(),
                Speech::silero, null, null, conversation, List.of(), () -> List.of(BROKEN)));
        assertThat(report.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.component()).isEqualTo("vision");
            assertThat(e.message()).matches("ocr failed on the frame at \\d+ ms: ocr: injected failure");
        });
        assertThat(report.telemetry().get("vigil.errors{component=vision}")).isEqualTo((long) report.errors().size());
        assertThat(report.intents()).extracting(Report.IntentEntry::intent).contains("what_can_you_do")
                .doesNotContain("watch_fired");
        assertThat(report.utterances()).extracting(Report.UtteranceEntry::text)
                .anySatisfy(t -> assertThat(t).startsWith("Okay, I'll tell you when"))
                .anySatisfy(t -> assertThat(t).startsWith("I can move forward"));
        assertThat(report.watches()).singleElement().satisfies(w -> assertThat(w.firedS()).isNull());
    }
}
