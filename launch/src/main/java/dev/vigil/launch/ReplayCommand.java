package dev.vigil.launch;

import dev.vigil.launch.replay.BagScenario;
import dev.vigil.launch.replay.Interruption;
import dev.vigil.launch.replay.Speed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "replay", description = {"Replay a scenario file through the agent and check its expectations.",
        "A rosbag2 bag (.mcap) replays its microphone topic (audio_common) as the user's track."},
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Scenario file (docs/scenarios.md), or a rosbag2 bag (.mcap, docs/bags.md).")
    Path scenario;

    @Option(names = "--audio-topic", paramLabel = "TOPIC", defaultValue = "/audio_stamped",
            description = "A bag's microphone topic: audio_common's AudioDataStamped or mgonzs13's AudioStamped (default: ${DEFAULT-VALUE}).")
    String audioTopic;

    @Option(names = "--audio-info-topic", paramLabel = "TOPIC", defaultValue = "/audio_info",
            description = "A bag's AudioInfo topic for AudioDataStamped (default: ${DEFAULT-VALUE}; without one, 16 kHz mono S16LE).")
    String audioInfoTopic;

    @Option(names = "--speed", paramLabel = "realtime|max", defaultValue = "max",
            description = "realtime: paced like a live microphone, with a live timeline; max: as fast as the agent keeps up (default).")
    String speed;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the report (docs/report.md) here, and its page beside it (FILE.html).")
    Path report;

    @Option(names = "--out", paramLabel = "DIR", description = {"Write report.json, report.html, mic.wav, robot.wav and mix.wav here.",
            "A folder holding an earlier run's outputs is refused (exit 2) unless --overwrite is given."})
    Path out;

    @Option(names = "--overwrite", description = "Replace an earlier run's outputs in the --out folder (deleted before the run).")
    boolean overwrite;

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write the event stream (docs/events.md) as JSON Lines here; - for standard output.")
    String events;

    @Mixin
    RunOptions options;

    @Mixin
    ConsoleOptions consoleOptions;

    @Override
    public Integer call() throws Exception {
        consoleOptions.settings();   // a bad --console-port fails before anything is loaded
        var pace = RunOptions.speed(speed);
        var runner = new ScenarioRunner(System.out);
        scenario = DemoCommand.input(scenario);
        Path file = scenario;
        if (scenario.getFileName() != null && scenario.getFileName().toString().endsWith(".mcap")) {
            if (!Files.exists(scenario)) {
                throw new SetupException(scenario + ": no such file (looked for " + scenario.toAbsolutePath() + ")");
            }
            if (Files.isDirectory(scenario)) {
                throw new SetupException(scenario + ": a folder, not a bag (rosbag2 keeps the .mcap file inside it)");
            }
        }
        // Outputs first: a run must not complete only to find it cannot write what it found.
        try (Outputs outputs = Outputs.claim(report, out, events, overwrite)) {
            Interruption interruption = new Interruption();
            try (StopSignals signals = StopSignals.install(interruption, System.out)) {
                if (file.getFileName() != null && file.getFileName().toString().endsWith(".mcap")) {
                    file = bagScenario();
                }
                var rendered = runner.prepare(file);
                outputs.requireRoom(rendered.durationSeconds());
                try (var console = consoleOptions.open(System.out)) {
                    return runner.console(console).replayAndWrite(rendered, pace, !options.noAec, pace == Speed.REALTIME,
                            outputs, report, RunOptions.events(events), interruption, signals);
                }
            }
        }
    }

    private Path bagScenario() throws Exception {
        Path dir = Files.createTempDirectory("vigil-bag-");
        BagScenario.Written bag;
        try {
            bag = BagScenario.write(scenario, audioTopic, audioInfoTopic, dir);
        } catch (IOException e) {
            throw new SetupException(e.getMessage());
        }
        System.out.println("vigil: bag " + scenario + ": " + bag.describe(audioTopic));
        return bag.scenario();
    }
}
