package dev.vigil.launch;

import dev.vigil.agent.measure.Summary;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Speed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure audio front-end throughput (AEC + VAD) by replaying a scenario at full speed, repeatedly;",
                "or (whisper) open-vocabulary recognition: word error rate and decode time on real recordings."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", defaultValue = "frontend", description = "What to measure: frontend, or whisper.")
    String what;

    @Option(names = "--scenario", paramLabel = "FILE", defaultValue = "scenarios/hears-duplex.yaml",
            description = "Scenario to replay (default: ${DEFAULT-VALUE}).")
    Path scenario;

    @Option(names = "--runs", defaultValue = "7", description = "Measured runs after one warm-up run (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the figures here as JSON.")
    Path report;

    @Option(names = "--corpus", paramLabel = "DIR", description = "whisper: pocketsphinx-testdata's test/data directory"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "/usr/share/pocketsphinx/test/data")
    Path corpus;

    @Option(names = "--threads", defaultValue = "1", description = "whisper: intra-op threads of the model run"
            + " (default: ${DEFAULT-VALUE}, as in the agent).")
    int threads;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        if (!what.equals("frontend") && !what.equals("whisper")) {
            throw new SetupException("unknown bench '" + what + "' (known: frontend, whisper)");
        }
        if (runs < 1) {
            throw new SetupException("--runs must be at least 1");
        }
        if (what.equals("whisper")) {
            return whisper();
        }
        Path file = scenario.isAbsolute() || scenario.toFile().exists() ? scenario : DemoCommand.home().resolve(scenario);
        var runner = new ScenarioRunner(System.out);
        var rendered = runner.prepare(file);
        System.out.printf("bench frontend: %s, %.1f s of audio, AEC %s, %d runs after 1 warm-up, %d cores%n",
                rendered.scenario().name(), rendered.durationSeconds(), options.noAec ? "off" : "on", runs,
                Runtime.getRuntime().availableProcessors());
        List<Double> factors = new ArrayList<>();
        List<Double> millisPerSecond = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            Report r = runner.replay(rendered, Speed.MAX, !options.noAec, false, null, java.util.List.of());
            double factor = r.processing().realtimeFactor();
            System.out.printf("  run %d%s: %.2f s wall, %.1fx real time, %d voice segments, %.0f ms dropped%n", run,
                    run == 0 ? " (warm-up)" : "", r.processing().wallS(), factor, r.voiceSegments().size(), r.droppedAudioMs());
            if (run > 0) {
                factors.add(factor);
                millisPerSecond.add(1000 * r.processing().wallS() / r.durationS());
            }
        }
        Summary speed = Summary.of(factors);
        Summary cost = Summary.of(millisPerSecond);
        // The p95 of cost (ms per audio second) is the slow tail; its real-time factor is 1000 / that.
        System.out.printf("processing per second of audio: median %.1f ms, p95 %.1f ms over %d runs%n",
                cost.median(), cost.p95(), factors.size());
        System.out.printf("real-time factor: median %.1fx, at p95 cost %.1fx%n", speed.median(), 1000 / cost.p95());
        if (report != null) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bench", "frontend");
            figures.put("scenario", rendered.scenario().name());
            figures.put("audio_s", rendered.durationSeconds());
            figures.put("aec", !options.noAec);
            figures.put("cores", Runtime.getRuntime().availableProcessors());
            figures.put("runs", factors);
            figures.put("realtime_factor", speed);
            figures.put("ms_per_audio_second", cost);
            ReportJson.write(figures, report);
        }
        return Vigil.OK;
    }

    private Integer whisper() throws Exception {
        if (threads < 1) {
            throw new SetupException("--threads must be at least 1");
        }
        WhisperBench.Result result = new WhisperBench(corpus, runs, threads, System.out).run();
        if (report != null) {
            ReportJson.write(WhisperBench.figures(result, runs, threads), report);
        }
        return result.accepted() ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
    }
}
