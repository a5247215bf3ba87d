package dev.vigil.launch.replay;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.clock.VirtualClock;
import dev.vigil.agent.clock.WallClock;
import dev.vigil.agent.clock.WorkInFlight;
import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.InputRejected;
import dev.vigil.launch.Agent;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.launch.scenario.ScenarioRenderer;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.testing.Speech;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario's video reaching the agent's bus during a replay, interleaved with the audio. */
class VideoReplayTest {

    @TempDir
    Path dir;

    /** What an observer on the bus saw, in order: a camera frame or a microphone frame, and the session time. */
    record Seen(String lane, long captureNanos, long atNanos) {
    }

    /** The agent's counters at the end of the last replay. */
    private java.util.Map<String, Long> counters;

    private RenderedScenario elevator() throws Exception {
        Path file = dir.resolve("lift.yaml");
        Files.writeString(file, """
                video:
                  at: 0.25
                  elevator: {floors: [[0, 3], [1, 4]], fps: 5, width: 64, height: 48}
                duration: 2
                """);
        return new ScenarioRenderer(new FliteSynthesizer()).render(ScenarioLoader.load(file));
    }

    private List<Seen> replay(RenderedScenario rendered, Speed speed, List<InputRejected> rejected) throws Exception {
        WorkInFlight work = new WorkInFlight();
        Clock clock = speed == Speed.MAX ? new VirtualClock() : new WallClock();
        Agent agent = Agent.builder().frontEnd(FrontEndSettings.defaults()).voiceActivity(Speech::silero)
                .clock(clock).work(work).build();
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        try {
            agent.start();
            SimulatedRoom room = new SimulatedRoom(rendered, agent.loudspeaker());
            ReplaySource source = new ReplaySource(room, speed, clock, work, bus -> {
                bus.<CameraFrame>localConsumer(Addresses.CAMERA_FRAMES,
                        m -> seen.add(new Seen("camera", m.body().captureNanos(), clock.nanos())));
                bus.<AudioFrame>localConsumer(Addresses.MIC_AUDIO,
                        m -> seen.add(new Seen("mic", m.body().captureNanos(), clock.nanos())));
                bus.<InputRejected>localConsumer(Addresses.INPUT_REJECTED, m -> rejected.add(m.body()));
            }, agent);
            if (clock instanceof WallClock wall) {
                wall.restart();
            }
            ReplayRun.await(agent.vertx().deployVerticle(source));
            ReplayRun.await(source.done());
            ReplayRun.await(source.quiet());
            counters = agent.counters();
        } finally {
            agent.stop("end of test");
        }
        return seen;
    }

    @Test
    void atFullSpeedEachCameraFrameArrivesInItsStepBeforeTheAudio() throws Exception {
        RenderedScenario rendered = elevator();
        assertThat(rendered.videoTruth()).extracting(s -> s.atS() + " " + s.what()).containsExactly("0.25 3", "1.25 4");
        List<InputRejected> rejected = new ArrayList<>();
        List<Seen> seen = replay(rendered, Speed.MAX, rejected);
        List<Seen> camera = seen.stream().filter(s -> s.lane().equals("camera")).toList();
        // 5 fps from 0.25 s to the end at 2 s.
        assertThat(camera).extracting(Seen::captureNanos).containsExactly(250_000_000L, 450_000_000L, 650_000_000L,
                850_000_000L, 1_050_000_000L, 1_250_000_000L, 1_450_000_000L, 1_650_000_000L, 1_850_000_000L);
        for (Seen frame : camera) {
            long step = frame.captureNanos() / 20_000_000L;
            // Published in the step that holds its time (the clock stands at that step's end) ...
            assertThat(frame.atNanos()).isEqualTo((step + 1) * 20_000_000L);
            // ... before that step's microphone frame, after the previous step's.
            int i = seen.indexOf(frame);
            assertThat(seen.get(i + 1)).isEqualTo(new Seen("mic", step * 20_000_000L, (step + 1) * 20_000_000L));
            assertThat(seen.get(i - 1).lane()).isEqualTo("mic");
            assertThat(seen.get(i - 1).captureNanos()).isEqualTo((step - 1) * 20_000_000L);
        }
        assertThat(seen.stream().filter(s -> s.lane().equals("mic"))).hasSize(100);
        assertThat(rejected).isEmpty();
    }

    @Test
    void inRealTimeCameraFramesArriveOnTheWallClock() throws Exception {
        List<Seen> seen = replay(elevator(), Speed.REALTIME, new ArrayList<>());
        List<Seen> camera = seen.stream().filter(s -> s.lane().equals("camera")).toList();
        assertThat(camera).hasSize(9);
        assertThat(camera).allSatisfy(frame -> assertThat(frame.atNanos() - frame.captureNanos())
                .as("late by").isBetween(0L, 300_000_000L));
    }

    @Test
    void aBrokenImageAmongTheFramesIsRejectedAndCountedAndTheRestPlay() throws Exception {
        Path shots = Files.createDirectories(dir.resolve("shots"));
        for (String name : List.of("1.png", "3.png")) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", shots.resolve(name).toFile());
        }
        Files.writeString(shots.resolve("2.png"), "not a png");
        Path file = dir.resolve("shots.yaml");
        Files.writeString(file, """
                video: {frames: {dir: shots, fps: 10}}
                duration: 1
                """);
        RenderedScenario rendered = new ScenarioRenderer(new FliteSynthesizer()).render(ScenarioLoader.load(file));
        List<InputRejected> rejected = Collections.synchronizedList(new ArrayList<>());
        List<Seen> seen = replay(rendered, Speed.MAX, rejected);
        assertThat(seen.stream().filter(s -> s.lane().equals("camera"))).extracting(Seen::captureNanos)
                .containsExactly(0L, 200_000_000L);
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.input()).isEqualTo(ReplaySource.CAMERA_INPUT);
            assertThat(r.message()).startsWith(shots.resolve("2.png") + ": not a PNG or JPEG image; frame 1 skipped");
        });
        assertThat(counters).containsEntry("vigil.inputs.rejected{input=" + ReplaySource.CAMERA_INPUT + "}", 1L);
    }
}
