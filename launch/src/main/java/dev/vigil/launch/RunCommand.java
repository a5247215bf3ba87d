package dev.vigil.launch;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.message.ComponentError;
import dev.vigil.launch.live.LiveReport;
import dev.vigil.launch.live.TrackRecorder;
import dev.vigil.launch.replay.RunLog;
import dev.vigil.launch.config.AgentConfig;
import dev.vigil.launch.config.ConfigException;
import dev.vigil.launch.config.RosArgs;
import dev.vigil.launch.report.ReportPage;
import dev.vigil.ros.bag.BagRecorder;
import dev.vigil.ros.bag.McapWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code vigil run}: the agent live, on real devices and the wall clock, until SIGINT or SIGTERM
 * (the normal way to end it), then a clean shutdown: events flushed, recordings and report complete,
 * exit 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the agent live on a microphone and a loudspeaker until Ctrl-C (SIGINT) or SIGTERM.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = "--mic", paramLabel = "PIPELINE",
            description = "Microphone as a GStreamer element description (microphone.pipeline; default autoaudiosrc, "
                    + "or with --ros the topic /audio_stamped), "
                    + "e.g. 'pulsesrc device=X', 'alsasrc device=hw:1', 'filesrc location=a.wav ! wavparse'.")
    String mic;

    @Option(names = "--speaker", paramLabel = "PIPELINE",
            description = "Loudspeaker as a GStreamer element description (speaker.pipeline; default autoaudiosink, "
                    + "or with --ros the topic /robot_audio_stamped).")
    String speaker;

    @Option(names = "--camera", paramLabel = "PIPELINE",
            description = "Camera as a GStreamer source description (camera.pipeline; default none), "
                    + "e.g. 'v4l2src device=/dev/video0', 'videotestsrc is-live=true', on a Jetson 'nvarguscamerasrc ! nvvidconv'.")
    String camera;

    @Option(names = "--events", paramLabel = "FILE|-", description = "Write the event stream (docs/events.md) as JSON Lines here; - for standard output (events.file).")
    String events;

    @Option(names = "--out", paramLabel = "DIR", description = "Write mic.wav and robot.wav as the run goes, and report.json and report.html at the end (out).")
    String out;

    @Option(names = "--ros", description = "Also be a ROS 2 node: publish intents, utterances and robot_speaking on ROS topics; "
            + "the microphone is /audio_stamped and the loudspeaker /robot_audio_stamped unless --mic / --speaker name devices "
            + "(ros.enabled; topics, domain and node name under ros:, docs/ros.md).")
    boolean ros;

    @Option(names = "--ros-args", arity = "0..*", paramLabel = "ARG",
            description = "ROS 2 node arguments, as a launch file passes them, up to the next option of vigil run or the end; imply --ros: "
                    + "-r __node:=NAME, -r /intents:=/robot/intents, -p KEY:=VALUE, --params-file FILE (docs/ros.md).")
    List<String> rosArgs;

    @Option(names = "--record-bag", paramLabel = "FILE.mcap",
            description = "Record the agent's outputs (intents, utterances, robot_speaking, on their ROS topics) as a "
                    + "rosbag2 MCAP bag (docs/bags.md); with or without --ros.")
    Path recordBag;

    @Option(names = "--console", description = "Serve the live web console (console.enabled; address, port and token under console:, "
            + "docs/console.md); its address is printed, with the token when one is made for the run.")
    boolean serveConsole;

    @Option(names = "--quiet", description = "No live timeline (errors are still said, on stderr).")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces with errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        AgentConfig settings = config.resolve();
        // The dedicated flags are plain text (a pipeline is not YAML) and win over --config and --set.
        settings = flag(settings, "microphone.pipeline", mic, "--mic");
        settings = flag(settings, "speaker.pipeline", speaker, "--speaker");
        settings = flag(settings, "camera.pipeline", camera, "--camera");
        settings = flag(settings, "events.file", events, "--events");
        settings = flag(settings, "out", this.out, "--out");
        if (ros) {
            settings = settings.withOverride("ros.enabled", "true");
        }
        if (serveConsole) {
            settings = settings.withOverride("console.enabled", "true");
        }
        if (rosArgs != null) {
            settings = RosArgs.parse(rosArgs).applyTo(settings);
        }
        Path out = settings.outDir().orElse(null);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new SetupException("--out " + out + ": exists and is not a folder");
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        PrintStream console = settings.events().toStdout() ? System.err : System.out;
        if (out != null) {
            replaceEarlierRun(out, console);
        }

        // The ROS node first (it may be the microphone), then devices are described and checked, then
        // models load: a typo fails in milliseconds.
        AtomicReference<Agent> built = new AtomicReference<>();
        RosNode rosNode = settings.ros().enabled() ? RosNode.join(settings.ros(),
                () -> built.get() == null ? Map.of() : built.get().counters()) : null;
        // The web console before the models: a port in use fails at once, and the page is there while they load.
        // A sink like the others from here on: the agent's stop closes it.
        dev.vigil.launch.console.ConsoleServer webConsole = null;
        if (settings.console().enabled()) {
            try {
                webConsole = ConsoleOptions.start(settings.console(), console);
            } catch (SetupException e) {
                if (rosNode != null) {
                    rosNode.close();
                }
                throw e;
            }
        }
        Agent.Builder builder;
        // Loading (fetching models on first use) and the start's warm-up take seconds: say how many.
        long loading = System.nanoTime();
        try {
            builder = AgentParts.configured(settings, rosNode);
        } catch (Exception e) {
            if (webConsole != null) {
                webConsole.close();
            }
            if (rosNode != null) {
                rosNode.close();
            }
            throw e;
        }
        RunLog log = new RunLog();
        WallClock clock = new WallClock();
        builder.clock(clock).observe(bus -> log.attach(bus, clock, quiet ? null : Console.timeline(console)));
        if (quiet) {
            // No timeline, but a failing device or engine is still said: a headless robot that hears
            // nothing must say why.
            builder.observe(bus -> bus.<ComponentError>localConsumer(Addresses.ERRORS, m ->
                    System.err.println("vigil: " + m.body().component() + ": " + m.body().message())));
        }
        if (config.file != null) {
            builder.startedInfo("config", config.file.toAbsolutePath().toString());
        }
        TrackRecorder heard = null;
        TrackRecorder played = null;
        if (out != null) {
            heard = recorder(out.resolve("mic.wav"));
            played = recorder(out.resolve("robot.wav"));
            builder.onHeard(heard::accept).onPlayed(played::accept);
        }
        if (rosNode != null) {
            rosNode.clock(clock);
            builder.observe(rosNode::attach);
        }
        BagRecorder bag = null;
        if (recordBag != null) {
            try {
                bag = BagRecorder.open(recordBag, settings.ros().outputTopics(), McapWriter.Options.ROS2);
            } catch (IOException e) {
                if (webConsole != null) {
                    webConsole.close();
                }
                if (rosNode != null) {
                    rosNode.close();
                }
                String why = e instanceof java.nio.file.NoSuchFileException ? "its folder does not exist"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
                throw new SetupException("--record-bag " + recordBag + ": cannot write it (" + why + ")");
            }
            builder.observe(bag::attach);
        }
        if (webConsole != null) {
            builder.events(webConsole);
        }
        Agent agent;
        try {
            agent = builder.build();
            built.set(agent);
        } catch (Exception e) {
            if (webConsole != null) {
                webConsole.close();
            }
            closeQuietly(bag);
            if (rosNode != null) {
                rosNode.close();
            }
            throw e;
        }

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
            closeQuietly(bag);
            if (rosNode != null) {
                rosNode.close();
            }
            throw e;
        }
        if (webConsole != null) {
            webConsole.attach(agent);
        }
        console.printf(java.util.Locale.ROOT, "vigil: models fetched and loaded in %.1f s; agent started in %.1f s"
                        + " (engines opened, the command recognizer warmed up on one phrase, devices opened)%n",
                (wallStart - loading) / 1e9, (System.nanoTime() - wallStart) / 1e9);
        console.printf("vigil: listening on %s, speaking on %s (output latency %.0f ms). Ctrl-C stops.%n",
                agent.microphone().describe(), agent.speaker().describe(), agent.speaker().latencyNanos() / 1e6);
        if (agent.camera() != null) {
            console.println("vigil: watching " + agent.camera().describe());
        }
        if (rosNode != null) {
            console.println("vigil: " + rosNode.describe());
        }
        String reason = stop.take();
        console.println("vigil: " + reason + ": stopping...");
        dumpThreadsIfStillStopping();
        double duration = clock.seconds();
        agent.stop(reason);
        closeQuietly(heard, played);
        if (bag != null) {
            try {
                bag.close();
                console.println("vigil: wrote " + recordBag + " (" + bag.recorded() + " messages)");
            } catch (IOException e) {
                System.err.println("vigil: --record-bag " + recordBag + ": " + e.getMessage());
            }
        }
        if (rosNode != null) {
            rosNode.close();
        }
        if (out != null) {
            LiveReport report = LiveReport.build(log, startedAt, duration, reason, agent.microphone().describe(),
                    agent.speaker().describe(), agent.speaker().latencyNanos() / 1e6, settings.hearing().aec().enabled(),
                    (System.nanoTime() - wallStart) / 1e9, agent.counters());
            ReportJson.write(report, out.resolve("report.json"));
            ReportPage.write(report, out.resolve(ReportPage.FILE));
            console.println("vigil: wrote " + out + "/{report.json, report.html, mic.wav, robot.wav}");
        }
        return Vigil.OK;
    }

    /**
     * Deletes an earlier run's outputs ({@link Outputs#FILES}) from {@code out}, saying so in one line.
     * Unlike {@code replay} and {@code demo}, which refuse such a folder, {@code run} replaces them: a
     * robot's service restarts with the same {@code out:} setting. All of them, so that the page never
     * offers a replay's {@code mix.wav} beside this run's recordings.
     */
    private static void replaceEarlierRun(Path out, PrintStream console) throws SetupException {
        java.util.List<String> earlier = Outputs.earlierRun(out);
        if (!earlier.isEmpty()) {
            console.println("vigil: --out " + out + ": replacing an earlier run's " + String.join(", ", earlier));
            Outputs.delete(out, earlier);
        }
    }

    private static AgentConfig flag(AgentConfig config, String key, String value, String flag) throws ConfigException {
        return value == null ? config : config.withText(key, value, flag);
    }

    private static TrackRecorder recorder(Path file) throws SetupException {
        try {
            return new TrackRecorder(file, Agent.SPEAKER_RATE);
        } catch (IOException e) {
            throw new SetupException("--out: cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    /** How long stopping may take before every thread's stack is printed. */
    static final int STOP_DUMP_SECONDS = 30;

    /**
     * Prints what every thread is doing, on standard error, if the agent is still stopping
     * {@value #STOP_DUMP_SECONDS} s after a stop signal, so that an agent slow to stop says where it
     * waits (in CI a live agent was once still running 60 s after SIGINT: there it had never seen
     * the signal, started with SIGINT ignored; the launcher now resets it). A daemon thread: it never
     * keeps the process alive, and prints nothing when stopping is quick.
     */
    private static void dumpThreadsIfStillStopping() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_DUMP_SECONDS * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            StringBuilder dump = new StringBuilder("vigil: still stopping after " + STOP_DUMP_SECONDS
                    + " s; what each thread is doing:\n");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            });
            System.err.print(dump);
            System.err.flush();
        }, "vigil-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void closeQuietly(BagRecorder bag) {
        if (bag != null) {
            try {
                bag.close();
            } catch (IOException e) {
                System.err.println("vigil: --record-bag " + e.getMessage());
            }
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
