package dev.vigil.launch;

import dev.vigil.agent.clock.WallClock;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.io.AudioDeviceProvider;
import dev.vigil.launch.io.MicrophoneSource;
import dev.vigil.launch.io.SpeakerSink;
import dev.vigil.launch.live.LiveReport;
import dev.vigil.launch.live.TrackRecorder;
import dev.vigil.launch.replay.RunLog;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * {@code vigil run}: the agent live, on real devices and the wall clock, until SIGINT or SIGTERM
 * (the normal way to end it), then a clean shutdown: events flushed, recordings and report complete,
 * exit 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent live on a microphone and a loudspeaker until Ctrl-C (SIGINT) or SIGTERM.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--mic", paramLabel = "PIPELINE",
            description = "Microphone as a GStreamer element description (default: autoaudiosrc), "
                    + "e.g. 'pulsesrc device=X', 'alsasrc device=hw:1', 'filesrc location=a.wav ! wavparse'.")
    String mic = "autoaudiosrc";

    @Option(names = "--speaker", paramLabel = "PIPELINE",
            description = "Loudspeaker as a GStreamer element description (default: autoaudiosink).")
    String speaker = "autoaudiosink";

    @Option(names = "--channel", paramLabel = "N", description = "Keep only this channel (0-based) of a multichannel microphone instead of mixing down.")
    int channel = -1;

    @Option(names = "--muted", description = "Start with the microphone muted.")
    boolean muted;

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write the event stream (docs/events.md) as JSON Lines here; - for standard output.")
    String events;

    @Option(names = "--out", paramLabel = "DIR", description = "Write mic.wav and robot.wav as the run goes, and report.json at the end.")
    Path out;

    @Option(names = "--no-aec", description = "Turn echo cancellation off.")
    boolean noAec;

    @Option(names = "--quiet", description = "No live timeline.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces with errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        // Everything the user gave is checked before any model loads: a typo fails in milliseconds.
        AudioDeviceProvider devices = AudioDeviceProvider.of("gst");
        MicrophoneSource microphone = devices.microphone(mic, channel);
        SpeakerSink loudspeaker = devices.speaker(speaker);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new SetupException("--out " + out + ": exists and is not a folder");
        }
        boolean eventsToStdout = "-".equals(events);
        PrintStream console = eventsToStdout ? System.err : System.out;

        AgentParts.requireSpeex();
        ModelStore store = ModelStore.fromEnvironment();
        var voiceActivity = AgentParts.voiceActivity(store);
        var conversation = AgentParts.conversation(store, Optional.empty());
        FrontEndSettings settings = FrontEndSettings.defaults();
        settings = settings.withAec(settings.aec().withEnabled(!noAec));

        List<AutoCloseable> toClose = new ArrayList<>();
        RunLog log = new RunLog();
        WallClock clock = new WallClock();
        Agent.Builder builder = Agent.builder()
                .frontEnd(settings)
                .voiceActivity(voiceActivity)
                .conversation(conversation)
                .clock(clock)
                .microphone(microphone)
                .speaker(loudspeaker)
                .muted(muted)
                .observe(bus -> log.attach(bus, clock, quiet ? null : Console.timeline(console)));
        RunOptions.events(events).forEach(builder::events);
        TrackRecorder heard = null;
        TrackRecorder played = null;
        if (out != null) {
            Files.createDirectories(out);
            heard = recorder(out.resolve("mic.wav"));
            played = recorder(out.resolve("robot.wav"));
            builder.onHeard(heard::accept).onPlayed(played::accept);
        }
        Agent agent = builder.build();

        BlockingQueue<String> stop = new ArrayBlockingQueue<>(4);
        Signal.handle(new Signal("INT"), s -> stop.offer("SIGINT"));
        Signal.handle(new Signal("TERM"), s -> stop.offer("SIGTERM"));

        String startedAt = Instant.now().toString();
        long wallStart = System.nanoTime();
        try {
            agent.start();
        } catch (Exception e) {
            agent.stop("failed to start");
            closeQuietly(heard, played);
            throw e;
        }
        console.printf("vigil: listening on %s, speaking on %s (output latency %.0f ms). Ctrl-C stops.%n",
                microphone.describe(), loudspeaker.describe(), loudspeaker.latencyNanos() / 1e6);
        String reason = stop.take();
        console.println("vigil: " + reason + ": stopping...");
        double duration = clock.seconds();
        agent.stop(reason);
        closeQuietly(heard, played);
        if (out != null) {
            LiveReport report = LiveReport.build(log, startedAt, duration, reason, microphone.describe(),
                    loudspeaker.describe(), loudspeaker.latencyNanos() / 1e6, settings.aec().enabled(),
                    (System.nanoTime() - wallStart) / 1e9, agent.counters());
            ReportJson.write(report, out.resolve("report.json"));
            console.println("vigil: wrote " + out + "/{report.json, mic.wav, robot.wav}");
        }
        return Vigil.OK;
    }

    private static TrackRecorder recorder(Path file) throws SetupException {
        try {
            return new TrackRecorder(file, Agent.SPEAKER_RATE);
        } catch (IOException e) {
            throw new SetupException("--out: cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    private static void closeQuietly(TrackRecorder... recorders) {
        for (TrackRecorder r : recorders) {
            if (r != null) {
                try {
                    r.close();
                } catch (IOException e) {
                    System.err.println("vigil: recording " + e.getMessage());
                }
            }
        }
    }
}
