package dev.vigil.launch;

import dev.vigil.launch.replay.Interruption;
import dev.vigil.launch.replay.Speed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bundled scenario in real time: no ROS, camera or GPU needed.")
final class DemoCommand implements Callable<Integer> {

    static final String SCENARIO = "scenarios/demo.yaml";

    @Option(names = "--out", paramLabel = "DIR", description = {"Where to write report.json, report.html, mic.wav, robot.wav, mix.wav (default: out/demo-<time>).",
            "A folder holding an earlier run's outputs is refused (exit 2) unless --overwrite is given."})
    Path out;

    @Option(names = "--overwrite", description = "Replace an earlier run's outputs in the --out folder (deleted before the run).")
    boolean overwrite;

    @Option(names = "--speed", paramLabel = "realtime|max", defaultValue = "realtime",
            description = "realtime (default) or max.")
    String speed;

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write the event stream (docs/events.md) as JSON Lines here; - for standard output.")
    String events;

    @Mixin
    RunOptions options;

    @Mixin
    ConsoleOptions consoleOptions;

    @Override
    public Integer call() throws Exception {
        consoleOptions.settings();   // a bad --console-port fails before anything is loaded
        Path scenario = home().resolve(SCENARIO);
        if (!Files.isRegularFile(scenario)) {
            throw new SetupException("the bundled scenario is missing: " + scenario);
        }
        Path dir = out != null ? out : home().resolve("out")
                .resolve("demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        var runner = new ScenarioRunner(System.out);
        // Outputs first: a run must not complete only to find it cannot write what it found.
        try (Outputs outputs = Outputs.claim(null, dir, events, overwrite)) {
            Interruption interruption = new Interruption();
            try (StopSignals signals = StopSignals.install(interruption, System.out)) {
                var rendered = runner.prepare(scenario);
                outputs.requireRoom(rendered.durationSeconds());
                System.out.printf("Vigil demo: %s, %.0f s, played %s. The robot talks; the user talks over it; the robot's%n"
                                + "voice echoes into the microphone. Every user onset should show, and never the robot's own voice.%n%n",
                        rendered.scenario().name(), rendered.durationSeconds(),
                        RunOptions.speed(speed) == Speed.REALTIME ? "in real time" : "at full speed");
                try (var console = consoleOptions.open(System.out)) {
                    return runner.console(console).replayAndWrite(rendered, RunOptions.speed(speed), !options.noAec, true,
                            outputs, null, RunOptions.events(events), interruption, signals);
                }
            }
        }
    }

    /** The project folder: set by the ./vigil launcher, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("vigil.home", "."));
    }

    /**
     * An input file as the user gave it: relative to the working directory, or, where no such file is
     * there, one of the project's own ({@code scenarios/commands.yaml} from any folder).
     */
    static Path input(Path file) {
        return file.isAbsolute() || file.toFile().exists() ? file : home().resolve(file);
    }
}
