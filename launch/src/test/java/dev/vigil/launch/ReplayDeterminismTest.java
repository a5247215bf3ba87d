package dev.vigil.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.vad.VoiceActivityModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Floor control that holds in real rooms", item 1: a full-speed replay gives the same report,
 * byte for byte apart from its {@code processing} object, every time — with the robot answering,
 * barge-ins, false interruptions and the stop fast path in it. Each scenario is replayed
 * {@code -Dvigil.determinism.runs} times (3 in the regular suite: 10 took 765 s of a
 * fresh-clone CI run on 2 cores; the 10 runs: {@code -Dvigil.determinism.runs=10}, figures in
 * docs/performance.md) in this JVM through a fresh agent (fresh recogniser, front end, duplex core, clock); only what a run
 * cannot change is loaded once: the voice-activity model file and the intent policy's embeddings.
 */
class ReplayDeterminismTest {

    private static final int RUNS = Integer.getInteger("vigil.determinism.runs", 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Supplier<VoiceActivityModel> voiceActivity;
    private static ModelStore store;

    @BeforeAll
    static void engines() throws Exception {
        AgentParts.requireSpeex();
        store = ModelStore.fromEnvironment();
        voiceActivity = AgentParts.voiceActivity(store);
    }

    @Test
    void theDemoConversationReplaysIdentically() throws Exception {
        assertIdenticalReplays("scenarios/demo.yaml");
    }

    @Test
    void twentyCommandsReplayIdentically() throws Exception {
        assertIdenticalReplays("scenarios/commands.yaml");
    }

    private static void assertIdenticalReplays(String scenario) throws Exception {
        RenderedScenario rendered = new ScenarioRunner(new PrintStream(OutputStream.nullOutputStream()))
                .prepare(Cli.project().resolve(scenario));
        Agent.Conversation conversation = AgentParts.conversation(store, rendered.scenario().asrGrammar());
        // The demo's camera too: the frames sampled, what the engines saw and the watch's firing repeat.
        var vision = rendered.video().isPresent()
                ? AgentParts.vision(store, dev.vigil.engines.EngineOptions.defaults()) : null;
        List<String> reports = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Report report = ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, FrontEndSettings.defaults(),
                    voiceActivity, null, null, conversation, List.of(), vision));
            reports.add(withoutProcessing(report));
            System.out.printf("%s: run %d of %d took %.1f s%n", scenario, run + 1, RUNS, report.processing().wallS());
        }
        // The scenario exercises what made replays differ: replies, barge-ins, partial transcripts.
        assertThat(reports.get(0)).contains("\"utterances\" : [ {").contains("\"intents\" : [ {");
        if (vision != null) {
            assertThat(reports.get(0)).contains("\"times_fired\" : 1");
        }
        for (int run = 1; run < RUNS; run++) {
            // Where they part comes first in the message: a whole report is too long for a CI log's tail.
            assertThat(reports.get(run)).as("%s: run %d against run 1, first difference:%n%s", scenario, run + 1,
                    firstDifference(reports.get(0), reports.get(run))).isEqualTo(reports.get(0));
        }
    }

    /** The first line at which two reports differ, with the lines around it from each; "" when equal. */
    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int line = 0;
        while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
            line++;
        }
        if (line == a.size() && line == b.size()) {
            return "";
        }
        int from = Math.max(0, line - 6);
        return "run 1, lines " + (from + 1) + "–:\n" + String.join("\n", a.subList(from, Math.min(a.size(), line + 4)))
                + "\nthis run:\n" + String.join("\n", b.subList(from, Math.min(b.size(), line + 4)));
    }

    /** The report as {@code --report} writes it, less its wall-clock figures. */
    private static String withoutProcessing(Report report) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(ReportJson.write(report));
        assertThat(json.remove("processing")).as("the processing object").isNotNull();
        return ReportJson.JSON.writeValueAsString(json);
    }
}
