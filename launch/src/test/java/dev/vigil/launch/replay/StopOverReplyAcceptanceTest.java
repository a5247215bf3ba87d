package dev.vigil.launch.replay;

import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.Agent;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.testing.Speech;
import dev.vigil.policy.cascade.CascadeModel;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.tts.Tts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #7 item 3: "stop" said over a reply is never a false interruption, and a cough or a
 * backchannel never becomes a stop. The trial scenarios of {@code scenarios/floor/} (five trials
 * each, the first over the session's first reply) replayed at full speed with the real engines:
 * two of the four voices here (about a minute of CI); all four, 20 + 20 trials, in
 * docs/performance.md ("Stop over a reply").
 */
class StopOverReplyAcceptanceTest {

    private static IntentRecognizer intents;

    @BeforeAll
    static void engines() throws Exception {
        intents = new IntentRecognizer(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults());
    }

    @AfterAll
    static void close() {
        intents.close();
    }

    private static Report replay(String scenario) throws Exception {
        var rendered = ReplayAcceptanceTest.render(ReplayAcceptanceTest.project().resolve("scenarios/floor/" + scenario));
        var conversation = new Agent.Conversation(() -> new Sphinx4Asr(AsrGrammar.robot()),
                executor -> Tts.forLanguage("en-US", executor), () -> new CascadeModel(intents));
        return ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(), Speech::silero,
                null, null, conversation));
    }

    @ParameterizedTest
    @ValueSource(strings = {"slt", "kal16"})
    void stopOverTheReplyStopsItEveryTimeAndNothingResumes(String voice) throws Exception {
        Report report = replay("stop-over-reply-" + voice + ".yaml");
        assertThat(report.expectations()).as("a stop intent for each of the 5 trials, in its window")
                .allSatisfy(e -> assertThat(e.passed()).as(e.expect() + " " + e.expected() + ": " + e.actual()).isTrue());
        assertThat(report.intents().stream().filter(i -> i.intent().equals("stop"))).hasSize(5);
        assertThat(report.bargeIns()).as("every stop paused the robot, and none resumed it")
                .hasSizeGreaterThanOrEqualTo(5)
                .noneSatisfy(b -> assertThat(b.falseInterruption()).isTrue());
        List<Double> stopMs = report.bargeIns().stream().map(Report.BargeInEntry::stopMs).sorted().toList();
        assertThat(stopMs.get(stopMs.size() / 2)).as("median barge-in stop, ms").isLessThanOrEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"slt", "kal16"})
    void backchannelsAndCoughsOverTheReplyNeverStopIt(String voice) throws Exception {
        Report report = replay("backchannel-over-reply-" + voice + ".yaml");
        assertThat(report.intents()).noneSatisfy(i -> assertThat(i.intent()).isEqualTo("stop"));
        assertThat(report.transcripts()).noneSatisfy(t -> assertThat(t.text()).isEqualTo("stop"));
    }
}
