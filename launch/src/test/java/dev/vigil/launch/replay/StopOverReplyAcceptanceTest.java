package dev.vigil.launch.replay;

import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.Agent;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.launch.scenario.ScenarioRenderer;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.testing.Speech;
import dev.vigil.policy.cascade.CascadeModel;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.tts.Tts;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #7 item 3: "stop" said over a reply is never a false interruption, and a cough or a
 * backchannel never becomes a stop. Two of the eight trial scenarios of {@code scenarios/floor/}
 * (five trials each, the first over the session's first reply) replayed at full speed with the real
 * engines, 2 × 71 s of audio (111 s for both on a shared 2-core machine); all eight, 20 + 20 trials,
 * in docs/performance.md ("Stop over a reply"), with what is not met yet: the pause comes 210 ms
 * (median) after the onset rather than within 200 ms, and kal16's "stop" over a first reply is heard
 * as "walk" (the robot stops, but no {@code stop} intent).
 */
class StopOverReplyAcceptanceTest {

    private static IntentRecognizer intents;
    private static FliteSynthesizer flite;

    @BeforeAll
    static void engines() throws Exception {
        intents = new IntentRecognizer(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults());
        flite = new FliteSynthesizer();
    }

    @AfterAll
    static void close() {
        intents.close();
        flite.close();
    }

    private static Report replay(String scenario) throws Exception {
        var rendered = new ScenarioRenderer(flite).render(ScenarioLoader.load(
                ReplayAcceptanceTest.project().resolve("scenarios/floor/" + scenario)));
        var conversation = new Agent.Conversation(() -> new Sphinx4Asr(AsrGrammar.robot()),
                executor -> Tts.forLanguage("en-US", executor), () -> new CascadeModel(intents));
        return ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(), Speech::silero,
                null, null, conversation));
    }

    @Test
    void stopOverTheReplyStopsItEveryTimeAndNothingResumes() throws Exception {
        Report report = replay("stop-over-reply-slt.yaml");
        assertThat(report.expectations()).as("a stop intent for each of the 5 trials, in its window")
                .allSatisfy(e -> assertThat(e.passed()).as(e.expect() + " " + e.expected() + ": " + e.actual()).isTrue());
        assertThat(report.intents().stream().filter(i -> i.intent().equals("stop"))).hasSize(5);
        assertThat(report.bargeIns()).as("every stop paused the robot, and none resumed it").hasSize(5)
                .noneSatisfy(b -> assertThat(b.falseInterruption()).isTrue());
    }

    @Test
    void backchannelsAndCoughsOverTheReplyNeverStopIt() throws Exception {
        Report report = replay("backchannel-over-reply-rms.yaml");
        assertThat(report.intents()).noneSatisfy(i -> assertThat(i.intent()).isEqualTo("stop"));
        assertThat(report.transcripts()).noneSatisfy(t -> assertThat(t.text()).isEqualTo("stop"));
        // "mm hmm" (no words), "uh huh" (heard as "a foot", a bare part of a command, which takes no
        // floor) and the first cough (heard as "back", confidence 0.3) resume the answer; the second
        // cough is not taken for a voice at all. Only whole requests cut it: the next "what can you do",
        // and "okay", heard as "okay hi" (telling a backchannel "okay" from an answer belongs to the
        // free-speech issue).
        assertThat(report.bargeIns()).as("the backchannels and coughs were false interruptions")
                .filteredOn(Report.BargeInEntry::falseInterruption).hasSize(3);
    }
}
