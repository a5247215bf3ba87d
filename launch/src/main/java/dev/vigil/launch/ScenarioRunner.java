package dev.vigil.launch;

import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.events.EventSink;
import dev.vigil.launch.replay.Interruption;
import dev.vigil.launch.replay.Recordings;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.report.ReportPage;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.Scenario;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.launch.scenario.ScenarioRenderer;
import dev.vigil.perception.audio.frontend.FrontEndSettings;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Loads, renders and replays a scenario; writes the report and recordings where asked. */
final class ScenarioRunner {

    private final PrintStream out;
    private dev.vigil.launch.console.ConsoleServer console;

    ScenarioRunner(PrintStream out) {
        this.out = out;
    }

    /** Shows the measured run (not the warm-up) on a web console; null for none. */
    ScenarioRunner console(dev.vigil.launch.console.ConsoleServer console) {
        this.console = console;
        return this;
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
     * Replays with the outputs claimed beforehand, and writes them: the report to {@code report}
     * and into the claimed folder, the recordings there. A failing output does not stop the others.
     *
     * @param signals the stop signals installed for this run: their exit code wins
     * @return the exit code: 0 passed, 1 expectations failed, 130/143 interrupted by SIGINT/SIGTERM
     * @throws SetupException an output could not be written after all (a full disk); the others were
     */
    int replayAndWrite(RenderedScenario rendered, Speed speed, boolean aec, boolean showTimeline, Outputs outputs,
                       Path report, List<EventSink> events, Interruption interruption, StopSignals signals)
            throws Exception {
        Report result;
        String failed = null;
        try {
            result = replay(rendered, speed, aec, showTimeline, outputs.dir(), events, interruption);
        } catch (Recordings.WriteFailed e) {
            result = e.report();
            failed = e.getMessage();
        }
        Console.summary(out, result);
        if (result.interrupted()) {
            out.printf("  interrupted        at %.1f s of %.1f s: the report covers that part%n", result.durationS(),
                    rendered.durationSeconds());
        }
        List<Path> reports = new java.util.ArrayList<>();
        if (report != null) {
            reports.add(report);
        }
        if (outputs.dir() != null && !reports.contains(outputs.dir().resolve("report.json"))) {
            reports.add(outputs.dir().resolve("report.json"));
        }
        // Each report gets its page beside it, an interrupted one too: the page marks it so.
        for (Path file : reports) {
            try {
                ReportJson.write(result, file);
            } catch (java.io.IOException e) {
                failed = failed != null ? failed : file + ": cannot write the report (" + e.getMessage() + ")";
            }
            Path page = ReportPage.besideReport(file);
            try {
                ReportPage.write(result, page);
            } catch (java.io.IOException e) {
                failed = failed != null ? failed : page + ": cannot write the report page (" + e.getMessage() + ")";
            }
            if (outputs.dir() == null || !file.equals(outputs.dir().resolve("report.json"))) {
                out.println("  wrote              " + file + ", " + page);
            }
        }
        if (outputs.dir() != null) {
            out.println("  wrote              " + outputs.dir() + "/{report.json, report.html, mic.wav, robot.wav, mix.wav}");
        }
        if (failed != null) {
            throw new SetupException(failed);
        }
        if (signals.exitCode() != Vigil.OK) {
            return signals.exitCode();
        }
        return result.passed() ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /**
     * The engines a replay of {@code rendered} needs, loaded once (seconds; minutes when models are
     * fetched, and it says how long): voice activity, the conversation when the scenario responds,
     * vision when it has a video.
     *
     * @return options for {@link ReplayRun} at {@code speed}, AEC on or off, with no outputs
     */
    ReplayRun.Options engines(RenderedScenario rendered, Speed speed, boolean aec) throws Exception {
        AgentParts.requireSpeex();
        long loading = System.nanoTime();
        ModelStore store = ModelStore.fromEnvironment();
        var models = AgentParts.voiceActivity(store);
        var conversation = rendered.scenario().respond()
                ? AgentParts.conversation(store, rendered.scenario().asrGrammar()) : null;
        var vision = rendered.video().isPresent() ? AgentParts.vision(store, EngineOptions.defaults()) : null;
        out.printf(Locale.ROOT, "engines loaded in %.1f s: voice activity%s%s%n", seconds(loading),
                conversation != null ? ", recognition, intents, speech" : "", vision != null ? ", vision" : "");
        FrontEndSettings settings = FrontEndSettings.defaults();
        settings = settings.withAec(settings.aec().withEnabled(aec));
        return new ReplayRun.Options(speed, settings, models, null, null, conversation, List.of(), vision);
    }

    /**
     * @param recordings   where to write mic.wav, robot.wav and mix.wav, or null
     * @param events       receive the event stream of the (measured) run; closed when it ends
     * @param interruption ends the run early when requested (the warm-up too), or null
     * @throws Recordings.WriteFailed the recordings could not be written; it carries the report
     */
    Report replay(RenderedScenario rendered, Speed speed, boolean aec, boolean showTimeline, Path recordings,
                  List<EventSink> events, Interruption interruption) throws Exception {
        ReplayRun.Options loaded = engines(rendered, speed, aec);
        FrontEndSettings settings = loaded.settings();
        var models = loaded.models();
        var conversation = loaded.conversation();
        var vision = loaded.vision();
        Consumer<Object> timeline = showTimeline ? Console.timeline(out) : null;
        if (speed == Speed.REALTIME && !"false".equals(System.getProperty("vigil.warmup"))) {
            // A cold JVM compiles its hot paths (recognition above all) in the first seconds: on 2
            // cores that made the first answers 1–2 s late. One silent run at full speed first, through
            // the same pipeline, leaves the clock-paced run less to wait for. Audio is not lost either
            // way (the front end has its own favoured thread).
            out.printf(Locale.ROOT, "warming up: one silent run of the scenario (%.0f s of audio) at full speed...%n",
                    rendered.durationSeconds());
            long warming = System.nanoTime();
            ReplayRun.run(rendered, new ReplayRun.Options(Speed.MAX, settings, models, null, null, conversation, List.of(),
                    vision, interruption));
            out.printf(Locale.ROOT, "warmed up in %.1f s%n", seconds(warming));
        }
        // Interrupted during the warm-up, the measured run ends at its first frame: an empty report.
        List<EventSink> sinks = events;
        if (console != null) {
            sinks = new java.util.ArrayList<>(events);
            sinks.add(console);
        }
        dev.vigil.launch.console.ConsoleServer shown = console;
        return ReplayRun.run(rendered, new ReplayRun.Options(speed, settings, models, timeline, recordings, conversation,
                sinks, vision, interruption, shown == null ? null : shown::attach));
    }
}
