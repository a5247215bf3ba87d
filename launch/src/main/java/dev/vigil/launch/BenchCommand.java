package dev.vigil.launch;

import dev.vigil.agent.measure.Summary;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.Speed;
import dev.vigil.perception.vision.ocr.OcrSettings;
import dev.vigil.policy.intent.CommandReader;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.SoundsAlike;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.asr.whisper.WhisperAsr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure by replaying scenarios at full speed, or on real recordings.",
                "frontend: audio front-end throughput (AEC + VAD), one scenario replayed repeatedly.",
                "echo: the echo sweep: a conversation with long answers at several echo delays and levels in a"
                        + " reverberant room, and the first long answer in every robot voice; prints a table.",
                "whisper: open-vocabulary recognition: word error rate and decode time on real recordings.",
                "phrasings: free phrasings of the robot's requests in six synthetic voices, at 16 and 8 kHz, through"
                        + " both tiers of recognition and the intent policy: right intent and roles, wrong motion.",
                "ocr: text reading on generated elevator displays and English and Chinese signs: exact reads and"
                        + " latency per image.",
                "video: a long 30 fps camera stream in real time with a watch active: frames looked at and dropped,"
                        + " OCR time, audio lost, heap after GC every 10 s.",
                "watches: the watch scenarios (scenarios/watches/), each asking in free speech to be told when a display"
                        + " or a traffic light shows something, replayed in real time: watch latency, false alarms.",
                "telemetry: what exporting costs: one scenario at full speed with telemetry off and on (Prometheus"
                        + " scraped, OTLP to a local collector), alternately; wall time medians and their ratio."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", defaultValue = "frontend", description = "What to measure: frontend, echo, whisper, phrasings, ocr, video, watches or telemetry.")
    String what;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario to replay (default: scenarios/hears-duplex.yaml for frontend,"
                    + " scenarios/echo-long-answers.yaml for echo, scenarios/commands.yaml for telemetry).")
    Path scenario;

    @Option(names = "--first-answer", paramLabel = "FILE", defaultValue = "scenarios/echo-first-answer.yaml",
            description = "echo: the first long answer, replayed in every robot voice (default: ${DEFAULT-VALUE}).")
    Path firstAnswer;

    @Option(names = "--delays", split = ",", paramLabel = "MS", defaultValue = "40,80,120,200,300,500",
            description = "echo: echo delays of the delay sweep, ms (default: ${DEFAULT-VALUE}).")
    List<Double> delays;

    @Option(names = "--levels", split = ",", paramLabel = "DB", defaultValue = "-12,-6,0,6",
            description = "echo: echo levels of the level sweep, dB (default: ${DEFAULT-VALUE}).")
    List<Double> levels;

    @Option(names = "--loud", paramLabel = "DB", defaultValue = "12",
            description = "echo: a level judged only on answer loops and motion from the robot's own voice (default: ${DEFAULT-VALUE}).")
    double loud;

    @Option(names = "--cell-reports", paramLabel = "DIR",
            description = "echo: write each cell's replay report (docs/report.md) into this folder.")
    Path cellReports;

    @Option(names = "--voices", split = ",", paramLabel = "VOICE", defaultValue = "slt,rms,awb,kal16,kal",
            description = "echo: robot voices for the first answer (default: ${DEFAULT-VALUE}; none: --voices '').")
    List<String> voices;

    @Option(names = "--runs", description = "Measured runs after one warm-up run (default: 7; telemetry: 5 of each, off and on).")
    Integer runs;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the figures here as JSON.")
    Path report;

    @Option(names = "--corpus", paramLabel = "DIR", description = "whisper: pocketsphinx-testdata's test/data directory"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "/usr/share/pocketsphinx/test/data")
    Path corpus;

    @Option(names = "--threads", defaultValue = "1", description = "whisper, ocr: intra-op threads of the model run"
            + " (default: ${DEFAULT-VALUE}, as in the agent).")
    int threads;

    @Option(names = "--phrasings", paramLabel = "FILE", defaultValue = "bench/phrasings.yaml",
            description = "phrasings: the phrasings and what each asks for (default: ${DEFAULT-VALUE}).")
    Path phrasings;

    @Option(names = "--speakers", split = ",", paramLabel = "ENGINE:VOICE",
            defaultValue = "flite:slt,flite:rms,flite:awb,espeak:en-us,espeak:en-gb+f3,espeak:en-us+m3",
            description = "phrasings: voices that say them (default: ${DEFAULT-VALUE}).")
    List<String> speakers;

    @Option(names = "--bands", split = ",", paramLabel = "HZ", defaultValue = "16000,8000",
            description = "phrasings: channel sample rates, 8000 being telephone band (default: ${DEFAULT-VALUE}).")
    List<Integer> bands;

    @Option(names = "--images", paramLabel = "N", defaultValue = "200",
            description = "ocr: how many images to draw (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + OcrBench.DEFAULT_SEED,
            description = "ocr: the seed the images are drawn from (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--det-limit", paramLabel = "PX", defaultValue = "960",
            description = "ocr: longest side a frame is scaled down to for text detection (default: ${DEFAULT-VALUE}).")
    int detLimit;

    @Option(names = "--det-min-side", paramLabel = "PX", defaultValue = "256",
            description = "ocr: a frame's shorter side is scaled up to this for text detection, as far as --det-limit"
                    + " allows; 0 never scales up (default: ${DEFAULT-VALUE}).")
    int detMinSide;

    @Option(names = "--save-images", paramLabel = "DIR",
            description = "ocr: write every image drawn into this folder as PNG, named read or miss.")
    Path saveImages;

    @Option(names = "--minutes", defaultValue = "10", description = "video: how long the stream plays (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--width", defaultValue = "1280", description = "video: frame width, px (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "720", description = "video: frame height, px (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--fps", defaultValue = "30", description = "video: frames a second (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--watches", paramLabel = "DIR", defaultValue = "scenarios/watches",
            description = "watches: the folder of watch scenarios (default: ${DEFAULT-VALUE}).")
    Path watches;

    @Option(names = "--speed", paramLabel = "realtime|max", defaultValue = "realtime",
            description = "watches: replay pace (default: ${DEFAULT-VALUE}; max for a quick check of the scenarios,"
                    + " its latencies are not the real ones).")
    String speed;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        if (what.equals("echo")) {
            return echo();
        }
        if (what.equals("phrasings")) {
            return phrasings();
        }
        if (what.equals("ocr")) {
            return ocr();
        }
        if (what.equals("video")) {
            if (!(minutes > 0) || width < 16 || height < 16 || fps < 1) {
                throw new SetupException("--minutes must be above 0, --width and --height at least 16, --fps at least 1");
            }
            return VideoBench.bench(minutes, width, height, fps, System.out);
        }
        if (what.equals("watches")) {
            return watches();
        }
        if (!what.equals("frontend") && !what.equals("whisper") && !what.equals("telemetry")) {
            throw new SetupException("unknown bench '" + what + "' (known: frontend, echo, whisper, phrasings, ocr, video,"
                    + " watches, telemetry)");
        }
        int runs = this.runs != null ? this.runs : what.equals("telemetry") ? 5 : 7;
        if (runs < 1) {
            throw new SetupException("--runs must be at least 1");
        }
        if (what.equals("telemetry")) {
            return telemetry(runs);
        }
        if (what.equals("whisper")) {
            return whisper(runs);
        }
        Path file = DemoCommand.input(scenario == null ? Path.of("scenarios/hears-duplex.yaml") : scenario);
        var runner = new ScenarioRunner(System.out);
        var rendered = runner.prepare(file);
        System.out.printf("bench frontend: %s, %.1f s of audio, AEC %s, %d runs after 1 warm-up, %d cores%n",
                rendered.scenario().name(), rendered.durationSeconds(), options.noAec ? "off" : "on", runs,
                Runtime.getRuntime().availableProcessors());
        List<Double> factors = new ArrayList<>();
        List<Double> millisPerSecond = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            Report r = runner.replay(rendered, Speed.MAX, !options.noAec, false, null, java.util.List.of(), null);
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

    private Integer whisper(int runs) throws Exception {
        if (threads < 1) {
            throw new SetupException("--threads must be at least 1");
        }
        WhisperBench.Result result = new WhisperBench(corpus, runs, threads, System.out).run();
        if (report != null) {
            ReportJson.write(WhisperBench.figures(result, runs, threads), report);
        }
        return result.accepted() ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
    }

    /** Telemetry off against on at full speed; exit 1 when on is 5 % slower or more (docs/performance.md). */
    private Integer telemetry(int runs) throws Exception {
        var runner = new ScenarioRunner(System.out);
        var rendered = runner.prepare(DemoCommand.input(scenario == null ? Path.of("scenarios/commands.yaml") : scenario));
        System.out.printf("bench telemetry: %s, %.1f s of audio at full speed, AEC %s, %d runs each off and on after"
                        + " a warm-up of each, %d cores%n", rendered.scenario().name(), rendered.durationSeconds(),
                options.noAec ? "off" : "on", runs, Runtime.getRuntime().availableProcessors());
        TelemetryBench.Result result = TelemetryBench.run(rendered, runner.engines(rendered, Speed.MAX, !options.noAec),
                runs, System.out);
        boolean accepted = TelemetryBench.summarise(result, System.out);
        if (report != null) {
            ReportJson.write(TelemetryBench.figures(rendered, result), report);
        }
        return accepted ? Vigil.OK : 1;
    }

    /** Generated displays and signs through PP-OCRv4; exit 1 under 97 % read exactly. */
    private Integer ocr() throws Exception {
        if (images < 1 || threads < 1 || detLimit < 32 || detMinSide < 0) {
            throw new SetupException("--images and --threads must be at least 1, --det-limit at least 32,"
                    + " --det-min-side 0 or more");
        }
        return OcrBench.bench(seed, images, threads, OcrSettings.defaults().withDetectionLimit(detLimit)
                .withDetectionMinSide(detMinSide), saveImages, report, System.out);
    }

    /** Free phrasings through both tiers and the policy; exit 3 when the acceptance is not met. */
    private Integer phrasings() throws Exception {
        for (int band : bands) {
            if (band != 16_000 && band != 8_000) {
                throw new SetupException("--bands: 16000 or 8000, got " + band);
            }
        }
        List<PhrasingsBench.Phrasing> list;
        try {
            list = PhrasingsBench.load(DemoCommand.input(phrasings));
        } catch (IOException e) {
            throw new SetupException(e.getMessage());
        }
        var store = ModelStore.fromEnvironment();
        var catalog = ModelCatalog.load();
        try (var grammar = new Sphinx4Asr(AsrGrammar.robot());
             var open = WhisperAsr.open(catalog, store,
                     EngineOptions.defaults().withIntraOpThreads(2), Vocabulary.builtIn().promptText());
             var intents = new IntentRecognizer(catalog, store, EngineOptions.defaults(), CommandReader.builtIn(),
                     SoundsAlike::mayHaveBeen)) {
            System.out.printf("%d phrasings × %d voices × %d bands%n", list.size(), speakers.size(), bands.size());
            List<PhrasingsBench.Trial> trials = PhrasingsBench.run(list, speakers, bands, grammar, open, intents, System.out);
            boolean accepted = PhrasingsBench.summarise(trials, System.out);
            if (report != null) {
                ReportJson.write(PhrasingsBench.figures(trials), report);
            }
            return accepted ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
        }
    }

    /** The watch scenarios; exit 1 when the acceptance is not met (docs/performance.md, Watches). */
    private Integer watches() throws Exception {
        Speed pace = RunOptions.speed(speed);
        List<Path> files;
        try {
            files = WatchBench.scenarios(DemoCommand.input(watches));
        } catch (IOException e) {
            throw new SetupException(e.getMessage());
        }
        System.out.printf("bench watches: %d scenarios in %s, %s, AEC %s, %d cores%n", files.size(), watches,
                pace == Speed.REALTIME ? "real time" : "full speed", options.noAec ? "off" : "on",
                Runtime.getRuntime().availableProcessors());
        List<WatchBench.Row> rows = WatchBench.run(files, pace, !options.noAec, System.out);
        WatchBench.Totals totals = WatchBench.summarise(rows, System.out);
        if (report != null) {
            ReportJson.write(WatchBench.figures(rows, totals, pace, !options.noAec), report);
        }
        return totals.accepted() ? Vigil.OK : 1;
    }

    /** The echo sweep; exit 1 when a cell misses its criteria (docs/performance.md). */
    private int echo() throws Exception {
        var base = dev.vigil.launch.scenario.ScenarioLoader.load(
                DemoCommand.input(scenario == null ? Path.of("scenarios/echo-long-answers.yaml") : scenario));
        var first = dev.vigil.launch.scenario.ScenarioLoader.load(DemoCommand.input(firstAnswer));
        if (!base.echo().audible()) {
            throw new SetupException(base.file() + ": the echo sweep needs a scenario with an 'echo:' path");
        }
        var voiceList = voices.stream().filter(v -> !v.isBlank()).toList();
        for (String voice : voiceList) {
            if (!dev.vigil.launch.scenario.ScenarioLoader.FLITE_VOICES.contains(voice)) {
                throw new SetupException("--voices: unknown flite voice '" + voice + "'");
            }
        }
        System.out.printf("bench echo: %s in its room (rt60 %.0f ms, drr %+.0f dB, clip %.0f dBFS, drift %+.0f ppm),"
                        + " AEC %s, full speed%n", base.name(), base.echo().rt60Ms(), base.echo().drrDb(), base.echo().clipDb(),
                base.echo().driftPpm(), options.noAec ? "off" : "on");
        double sweepDelay = base.echo().delayMs();
        double sweepGain = base.echo().gainDb();
        var cells = new EchoBench(System.out, !options.noAec, loud, cellReports).run(base, first, delays, sweepGain, levels,
                sweepDelay, voiceList);
        int failed = 0;
        for (EchoBench.Cell c : cells) {
            if (!EchoBench.holds(c, loud)) {
                failed++;
            }
        }
        System.out.printf("%d of %d cells hold their criteria%n", cells.size() - failed, cells.size());
        if (report != null) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("bench", "echo");
            figures.put("scenario", base.name());
            figures.put("room", base.echo());
            figures.put("aec", !options.noAec);
            figures.put("cells", cells);
            ReportJson.write(figures, report);
        }
        return failed == 0 ? Vigil.OK : 1;
    }

}
