package dev.vigil.launch;

import dev.vigil.launch.replay.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "replay", description = "Replay a scenario file through the agent and check its expectations.",
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Scenario file (docs/scenarios.md).")
    Path scenario;

    @Option(names = "--speed", paramLabel = "realtime|max", defaultValue = "max",
            description = "realtime: paced like a live microphone, with a live timeline; max: as fast as the agent keeps up (default).")
    String speed;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the report (docs/report.md) here.")
    Path report;

    @Option(names = "--out", paramLabel = "DIR", description = "Write report.json, mic.wav, robot.wav and mix.wav here.")
    Path out;

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write the event stream (docs/events.md) as JSON Lines here; - for standard output.")
    String events;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws Exception {
        var pace = RunOptions.speed(speed);
        var runner = new ScenarioRunner(System.out);
        var rendered = runner.prepare(scenario);
        Report result = runner.replay(rendered, pace, !options.noAec, pace == dev.vigil.launch.replay.Speed.REALTIME, out,
                RunOptions.events(events));
        Console.summary(System.out, result);
        if (report != null) {
            ReportJson.write(result, report);
        }
        if (out != null) {
            ReportJson.write(result, out.resolve("report.json"));
            System.out.println("  wrote              " + out.resolve("report.json") + ", mic.wav, robot.wav, mix.wav");
        }
        return result.passed() ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
    }
}
