package dev.vigil.launch;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.Scenario;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.launch.scenario.ScenarioRenderer;
import dev.vigil.perception.audio.frontend.FrontEndSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return new ScenarioRenderer(AgentParts.flite()).render(scenario);
    }

    Report replay(RenderedScenario rendered, Speed speed, boolean aec, boolean showTimeline) throws Exception {
        AgentParts.requireSpeex();
        var models = AgentParts.voiceActivity(ModelStore.fromEnvironment());
        FrontEndSettings settings = FrontEndSettings.defaults();
        settings = settings.withAec(settings.aec().withEnabled(aec));
        Consumer<Object> timeline = showTimeline ? Console.timeline(out) : null;
        return ReplayRun.run(rendered, new ReplayRun.Options(speed, settings, models, timeline));
    }

    /** The microphone as the agent heard it and the loudspeaker as it played, for listening back. */
    static void writeRecordings(RenderedScenario rendered, Path dir) throws IOException {
        Files.createDirectories(dir);
        int rate = RenderedScenario.SAMPLE_RATE;
        var echo = rendered.scenario().echo();
        int delay = (int) Math.round(echo.delayMs() * rate / 1000);
        float gain = echo.audible() ? (float) Math.pow(10, echo.gainDb() / 20) : 0f;
        float[] mic = new float[rendered.samples()];
        for (int n = 0; n < mic.length; n++) {
            int played = n - delay;
            mic[n] = rendered.user()[n] + rendered.noise()[n] + (played >= 0 ? rendered.robot()[played] * gain : 0f);
        }
        WavFile.write(dir.resolve("mic.wav"), new PcmAudio(rate, 1, mic));
        WavFile.write(dir.resolve("robot.wav"), new PcmAudio(rate, 1, rendered.robot()));
    }
}
