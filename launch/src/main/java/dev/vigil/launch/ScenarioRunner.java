package dev.vigil.launch;

import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.Scenario;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.launch.scenario.ScenarioRenderer;
import dev.vigil.perception.audio.frontend.FrontEndSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Loads, renders and replays a scenario; writes the report and recordings where asked. */
final class ScenarioRunner {

    private final PrintStream out;

    ScenarioRunner(PrintStream out) {
        this.out = out;
    }

    /** Everything checked and rendered before any agent starts, so bad input fails fast. */
    RenderedScenario prepare(Path file) throws Exception {
        Scenario scenario = ScenarioLoader.load(file);
        RenderedScenario rendered = new ScenarioRenderer(AgentParts.flite()).render(scenario);
        // Mended input plays on, but is told: the recordings differ from the files by these samples.
        rendered.repairs().forEach(line -> System.err.println("vigil: " + line));
        return rendered;
    }

    /**
     * @param recordings where to write mic.wav, robot.wav and mix.wav, or null
     * @param events     receive the event stream of the (measured) run; closed when it ends
     */
    Report replay(RenderedScenario rendered, Speed speed, boolean aec, boolean showTimeline, Path recordings,
                  java.util.List<dev.vigil.launch.events.EventSink> events) throws Exception {
        AgentParts.requireSpeex();
        ModelStore store = ModelStore.fromEnvironment();
        var models = AgentParts.voiceActivity(store);
        var conversation = rendered.scenario().respond()
                ? AgentParts.conversation(store, rendered.scenario().asrGrammar()) : null;
        var vision = rendered.video().isPresent() ? AgentParts.vision(store, EngineOptions.defaults()) : null;
        FrontEndSettings settings = FrontEndSettings.defaults();
        settings = settings.withAec(settings.aec().withEnabled(aec));
        Consumer<Object> timeline = showTimeline ? Console.timeline(out) : null;
        if (speed == Speed.REALTIME && !"false".equals(System.getProperty("vigil.warmup"))) {
            // A cold JVM compiles its hot paths (recognition above all) in the first seconds: on 2
            // cores that made the first answers 1–2 s late. One silent run at full speed first, through
            // the same pipeline, leaves the clock-paced run less to wait for. Audio is not lost either
            // way (the front end has its own favoured thread).
            out.println("warming up: one silent run of the scenario at full speed...");
            ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, settings, models, null, null, conversation, List.of(),
                    vision));
        }
        return ReplayRun.run(rendered, new ReplayRun.Options(speed, settings, models, timeline, recordings, conversation,
                events, vision));
    }
}
