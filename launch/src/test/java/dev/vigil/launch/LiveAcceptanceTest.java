package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.audio.WavWriter;
import dev.vigil.agent.message.Transcript;
import dev.vigil.launch.testing.AgentRun;
import dev.vigil.launch.testing.PulseAudio;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.asr.AsrStream;
import dev.vigil.speech.asr.Sphinx4Asr;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue "Vigil runs live": the real {@code vigil run} process on real audio devices — a private
 * PulseAudio daemon with null sinks {@code mic} and {@code speaker}, and an echo path from the
 * speaker's monitor back into the microphone (module-loopback, 40 ms, −6 dB). Spoken commands are
 * played into the microphone (one of them the real human recording {@code goforward.raw} from
 * pocketsphinx-testdata); the agent's events file, its recordings and the speaker's monitor are
 * checked. The steps run in order on one agent, as one conversation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LiveAcceptanceTest {

    private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PulseAudio pulse;
    private static Path dir;
    private static Path events;
    private static Process agent;
    private static AgentRun run;
    private static PulseAudio.Recording speakerMonitor;
    private static int echoModule;
    private static int played;
    /** The agent is a ROS 2 node on a domain of its own, on loopback; a C peer (Cyclone DDS) listens. */
    private static final int ROS_DOMAIN = java.util.concurrent.ThreadLocalRandom.current().nextInt(100, 200);

    @BeforeAll
    static void startTheAgentOnRealDevices() throws Exception {
        dir = Files.createTempDirectory("vigil-live-");
        pulse = PulseAudio.start();
        echoModule = pulse.loopback("speaker.monitor", "mic", 40, -6);
        speakerMonitor = pulse.record("speaker.monitor", dir.resolve("speaker-monitor.wav"));
        events = dir.resolve("events.jsonl");
        // An earlier replay's room mix in the folder: a live run has none, so it must go, not linger
        // beside this run's recordings on the page.
        Files.createDirectories(dir.resolve("out"));
        Files.write(dir.resolve("out/mix.wav"), new byte[44]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder run = new ProcessBuilder(
                // SIGINT back to its default: a shell without job control (a CI script's background
                // job) starts its children with SIGINT ignored, and the JVM then never sees it.
                "env", "--default-signal=INT", java, "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "dev.vigil.launch.Vigil", "run",
                "--mic", "pulsesrc server=" + pulse.server() + " device=mic.monitor",
                "--speaker", "pulsesink server=" + pulse.server() + " device=speaker",
                "--events", events.toString(), "--out", dir.resolve("out").toString(), "--quiet",
                "--ros", "--set", "ros.domain_id=" + ROS_DOMAIN, "--set", "ros.interface_address=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile());
        run.environment().putAll(pulse.env());
        CyclonePeer.prepareLoopback();
        agent = run.start();
        LiveAcceptanceTest.run = new AgentRun(agent, events, dir.resolve("agent.log"));
        awaitEvent("the agent listening", e -> type(e, "started"), 180);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (agent != null && agent.isAlive()) {
            agent.destroyForcibly();
        }
        if (speakerMonitor != null) {
            speakerMonitor.close();
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    @Order(1)
    void aRealHumanRecordingBecomesAMoveIntentAndTheRobotAnswersAloud() throws Exception {
        Path wav = rawToWav(GO_FORWARD, dir.resolve("goforward.wav"));
        // A robot behaviour on ROS 2 (another DDS implementation, in C) listens for intents and utterances.
        try (CyclonePeer intents = CyclonePeer.start(ROS_DOMAIN, "sub-intent", "/intents", "1", "60", "matched");
             CyclonePeer utterances = CyclonePeer.start(ROS_DOMAIN, "sub-string", "/robot_utterance", "1", "60", "matched")) {
            JsonNode move = say(wav, e -> type(e, "intent") && e.get("intent").asText().equals("move"));
            assertThat(move.get("data").get("direction").asText()).isEqualTo("forward");
            assertThat(move.get("data").get("distance").asInt()).isEqualTo(10);
            awaitPlayed("Moving forward");
            assertThat(intents.await(10)).as(intents.errors()).isZero();
            assertThat(intents.lines()).singleElement().asString()
                    .startsWith("move|{\"direction\":\"forward\",\"distance\":10}|__unknown_agent__|__modality_speech__|128|");
            assertThat(utterances.await(10)).as(utterances.errors()).isZero();
            assertThat(utterances.lines()).containsExactly("Moving forward ten meters.");
        }
    }

    @Test
    @Order(2)
    void aSynthesizedCommandToo() throws Exception {
        JsonNode turn = say(flite("turn left", "slt"), e -> type(e, "intent") && e.get("intent").asText().equals("turn"));
        assertThat(turn.get("data").get("direction").asText()).isEqualTo("left");
        awaitPlayed("Turning left");
    }

    @Test
    @Order(4)
    void aLongAnswerPlaysToTheEndOverTheRealEchoPathAndStopCutsIt() throws Exception {
        int voices = (int) readEvents().stream().filter(e -> type(e, "voice_started")).count();
        int asked = askForTheLongAnswer();
        awaitEvent("the long answer played to its end", e -> type(e, "utterance_played")
                && e.get("text").asText().length() > 80 && !e.get("truncated").asBoolean(), 30);
        assertThat(readEvents().stream().filter(e -> type(e, "voice_started")).count())
                .as("no voice but the question (asked %d times)", asked).isEqualTo(voices + asked);
        stopDuringALongAnswerIsABargeInThatStopsPlayback();
    }

    /** "stop" said over the long answer: a barge-in that cuts it and publishes stop. */
    private void stopDuringALongAnswerIsABargeInThatStopsPlayback() throws Exception {
        int before = readEvents().size();
        askForTheLongAnswer();
        Thread.sleep(2500);
        JsonNode stop = say(flite("stop", "rms"), e -> type(e, "intent") && e.get("intent").asText().equals("stop"));
        assertThat(stop.get("priority").asInt()).isEqualTo(255);
        List<JsonNode> all = readEvents();
        JsonNode bargeIn = all.stream().filter(e -> type(e, "barge_in")).reduce((a, b) -> b).orElseThrow();
        JsonNode cut = awaitEvent("the long answer cut", e -> type(e, "utterance_played") && e.get("truncated").asBoolean(), 20);
        assertThat(cut.get("played_text").asText().length()).isLessThan(cut.get("text").asText().length());
        // Playback stopped soon after the user's voice began (the barge-in's media time is the onset).
        assertThat(cut.get("media_t_s").asDouble() - bargeIn.get("media_t_s").asDouble())
                .as("seconds from the user's onset to the last robot sample").isLessThan(1.0);
        assertThat(all.stream().noneMatch(e -> type(e, "false_interruption") && e.get("t_s").asDouble()
                > bargeIn.get("t_s").asDouble())).as(() -> "stop is not a false interruption; the stop's events:\n"
                + all.subList(before, all.size()).stream().map(JsonNode::toString)
                        .collect(java.util.stream.Collectors.joining("\n"))).isTrue();
    }

    @Test
    @Order(5)
    void aMicrophoneThatDisappearsIsAnErrorAndTheAgentReconnects() throws Exception {
        pulse.unload(echoModule);
        pulse.unload(pulse.nullSinkModule("mic"));
        awaitEvent("an error for the lost microphone", e -> type(e, "error")
                && e.get("component").asText().equals("microphone"), 20);
        pulse.loadNullSink("mic");
        echoModule = pulse.loopback("speaker.monitor", "mic", 40, -6);
        awaitEvent("the microphone back", e -> type(e, "device_recovered")
                && e.get("component").asText().equals("microphone"), 30);
        // As a person would, speak once the microphone is back, not in the very moment it reconnects
        // (the fixture is still waking the new null sink up then).
        Thread.sleep(1500);
        JsonNode turn = say(flite("turn right", "slt"), e -> type(e, "intent") && e.get("intent").asText().equals("turn")
                && e.get("data").get("direction").asText().equals("right"));
        assertThat(turn).isNotNull();
        awaitPlayed("Turning right");
    }

    @Test
    @Order(6)
    void sigintEndsTheRunCleanlyWithCompleteOutputs() throws Exception {
        Thread.sleep(1000);
        new ProcessBuilder("kill", "-INT", Long.toString(agent.pid())).start().waitFor();
        assertThat(agent.waitFor(60, TimeUnit.SECONDS))
                .as(() -> "the agent exits after SIGINT; its log (threads dumped 30 s into stopping):\n" + log()).isTrue();
        assertThat(agent.exitValue()).as(log()).isZero();

        List<JsonNode> all = readEvents();
        assertThat(type(all.get(0), "started")).isTrue();
        JsonNode last = all.get(all.size() - 1);
        assertThat(type(last, "stopped")).as(last.toString()).isTrue();
        assertThat(last.get("reason").asText()).isEqualTo("SIGINT");
        double previous = -1;
        for (JsonNode e : all) {
            assertThat(e.get("t_s").asDouble()).isGreaterThanOrEqualTo(previous);
            previous = e.get("t_s").asDouble();
        }
        // Every voice the agent heard was one of the clips played into the microphone: the robot's own
        // voice, coming back through the echo path, never counted as the user's.
        long voices = all.stream().filter(e -> type(e, "voice_started")).count();
        // On a miss, what was heard and said, in order: which segment was not a clip.
        String heardAndSaid = all.stream().filter(e -> type(e, "voice_started") || type(e, "transcript")
                        || type(e, "utterance_started") || type(e, "utterance_played"))
                .map(e -> String.format(java.util.Locale.ROOT, "%.2f %s %s", e.get("t_s").asDouble(), e.get("type").asText(),
                        e.has("text") ? e.get("text").asText() : "")).collect(java.util.stream.Collectors.joining("; "));
        assertThat(voices).as("voice segments (clips played: %d): %s", played, heardAndSaid).isEqualTo(played);

        Path out = dir.resolve("out");
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertThat(report.get("stop_reason").asText()).isEqualTo("SIGINT");
        assertThat(report.get("dropped_audio_ms").asDouble()).isZero();
        assertThat(report.get("intents")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(report.get("speaker_latency_ms").asDouble()).as("measured on the device").isPositive();
        assertThat(report.at("/measures/voice_to_voice_ms/count").asInt())
                .as("the agent's own voice-to-voice, one per answered command: %s", report.get("measures"))
                .isGreaterThanOrEqualTo(3);
        assertThat(report.at("/measures/end_of_turn_ms/median").asDouble())
                .as("the turn's end is decided before the answer plays")
                .isLessThan(report.at("/measures/voice_to_voice_ms/median").asDouble());
        PcmAudio mic = WavFile.read(out.resolve("mic.wav"));
        PcmAudio robot = WavFile.read(out.resolve("robot.wav"));
        assertThat(mic.durationSeconds()).isGreaterThan(10);
        assertThat(robot.durationSeconds()).isGreaterThan(10);
        // The page beside the report plays the run's two recordings (a live run has no room mix); the
        // earlier run's mix.wav was replaced, and the run said so.
        assertThat(Files.readString(out.resolve("report.html"))).contains("src=\"mic.wav\"")
                .contains("src=\"robot.wav\"").doesNotContain("mix.wav\"");
        assertThat(out.resolve("mix.wav")).doesNotExist();
        assertThat(Files.readString(dir.resolve("agent.log"))).contains("replacing an earlier run's mix.wav");

        // The robot's answers, as they left the speaker, recognised back.
        Path monitor = speakerMonitor.stop();
        List<String> expected = List.of("moving forward ten meters", "turning left", "turning right");
        List<String> heard = recogniseAnswers(WavFile.read(monitor), all, expected);
        assertThat(heard).containsAll(expected);
    }

    @Test
    @Order(7)
    void theSameCommandsInReplayGiveTheSameIntents() throws Exception {
        Path scenario = dir.resolve("live-twin.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: live-twin",
                "echo: {delay_ms: 40, gain_db: -6}",
                "mic:",
                "  - {at: 1.0, file: " + GO_FORWARD + ", rate: 16000}",
                "  - {at: 7.0, say: \"turn left\", voice: slt}",
                "  - {at: 12.0, say: \"turn right\", voice: slt}",
                "duration: 17", ""));
        Path report = dir.resolve("twin.json");
        Cli replay = Cli.run("replay", scenario.toString(), "--report", report.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        List<String> replayed = new ArrayList<>();
        for (JsonNode intent : JSON.readTree(report.toFile()).get("intents")) {
            replayed.add(intent.get("intent").asText() + " " + intent.get("data"));
        }
        List<String> live = readEvents().stream()
                .filter(e -> type(e, "intent") && Set.of("move", "turn").contains(e.get("intent").asText()))
                .map(e -> e.get("intent").asText() + " " + e.get("data")).toList();
        assertThat(replayed).isEqualTo(live).containsExactly(
                "move {\"direction\":\"forward\",\"distance\":10}", "turn {\"direction\":\"left\"}",
                "turn {\"direction\":\"right\"}");
    }

    /**
     * Asks "what can you do" and waits for the long answer to start. As a person would, asks again
     * once if the robot says it did not catch that (the recogniser sometimes mishears this clip).
     *
     * @return how many times it asked (1 or 2): each is a voice the agent hears
     */
    private static int askForTheLongAnswer() throws Exception {
        for (int attempt = 1; ; attempt++) {
            JsonNode answer = say(flite("what can you do", "rms"), e -> type(e, "utterance_started"));
            if (answer.get("text").asText().length() > 80) {
                return attempt;
            }
            assertThat(attempt).as("asked twice, got: " + answer).isLessThan(2);
            awaitEvent("the short answer played", e -> type(e, "utterance_played")
                    && e.get("id").asText().equals(answer.get("id").asText()), 20);
        }
    }

    /** Plays a clip into the microphone and waits for the event it should cause. */
    private static JsonNode say(Path wav, Predicate<JsonNode> until) throws Exception {
        int before = readEvents().size();
        Process paplay = pulse.play(wav, "mic");
        assertThat(paplay.waitFor(30, TimeUnit.SECONDS)).isTrue();
        played++;
        return awaitEvent(wav.getFileName().toString(), until, 30, before);
    }

    private static void awaitPlayed(String prefix) throws Exception {
        awaitEvent("the robot saying \"" + prefix + "…\"", e -> type(e, "utterance_played")
                && e.get("text").asText().startsWith(prefix) && !e.get("truncated").asBoolean(), 30);
    }

    private static JsonNode awaitEvent(String what, Predicate<JsonNode> match, int seconds) throws Exception {
        return run.await(what, match, seconds);
    }

    private static JsonNode awaitEvent(String what, Predicate<JsonNode> match, int seconds, int from) throws Exception {
        return run.await(what, match, seconds, from);
    }

    private static List<JsonNode> readEvents() throws IOException {
        return run.events();
    }

    private static boolean type(JsonNode event, String type) {
        return AgentRun.type(event, type);
    }

    private static String log() {
        return run.log();
    }

    private static Path flite(String text, String voice) throws Exception {
        Path file = dir.resolve(text.replace(' ', '-') + "-" + voice + ".wav");
        try (FliteSynthesizer flite = new FliteSynthesizer(); WavWriter w = WavWriter.create(file, 16_000, 1)) {
            var audio = flite.synthesize(text, voice);
            PcmAudio pcm = PcmAudio.ofPcm16(audio.samples(), audio.sampleRate());
            if (pcm.sampleRate() != 16_000) {
                pcm = new PcmAudio(16_000, 1, dev.vigil.agent.audio.Resampler.resample(pcm.samples(), pcm.sampleRate(), 16_000));
            }
            // Half a second of silence around it, as a person pauses before and after a command.
            w.write(new float[8000], 0, 8000);
            w.write(pcm);
            w.write(new float[8000], 0, 8000);
        }
        return file;
    }

    private static Path rawToWav(Path raw, Path wav) throws Exception {
        PcmAudio pcm = WavFile.readRaw(raw, 16_000);
        try (WavWriter w = WavWriter.create(wav, 16_000, 1)) {
            w.write(new float[8000], 0, 8000);
            w.write(pcm);
            w.write(new float[8000], 0, 8000);
        }
        return wav;
    }

    /**
     * Cuts each complete robot answer out of the speaker's monitor recording (aligned on the first
     * robot sound, before which the speaker is silent) and recognises it with a grammar of the
     * robot's possible answers, the expected ones among distractors.
     */
    private static List<String> recogniseAnswers(PcmAudio monitor, List<JsonNode> events, List<String> expected)
            throws Exception {
        float[] s = monitor.samples();
        int rate = monitor.sampleRate();
        int firstSound = 0;
        while (firstSound < s.length && Math.abs(s[firstSound]) < 0.02f) {
            firstSound++;
        }
        List<JsonNode> answers = events.stream().filter(e -> type(e, "utterance_played")).toList();
        double firstStart = events.stream().filter(e -> type(e, "utterance_started")).findFirst().orElseThrow()
                .get("media_t_s").asDouble();
        double offset = firstSound / (double) rate - firstStart;

        Set<String> sentences = new LinkedHashSet<>(expected);
        sentences.addAll(List.of("moving backward two meters", "turning around", "following you",
                "going to the kitchen", "hello there"));
        Path grammar = dir.resolve("answers.gram");
        Files.writeString(grammar, "#JSGF V1.0;\ngrammar answers;\npublic <answer> = "
                + String.join(" | ", sentences) + ";\n");
        List<String> heard = new ArrayList<>();
        try (Sphinx4Asr asr = new Sphinx4Asr(AsrGrammar.file(grammar))) {
            for (JsonNode answer : answers) {
                if (answer.get("truncated").asBoolean() || answer.get("text").asText().length() > 40) {
                    continue;
                }
                double end = answer.get("media_t_s").asDouble();
                double start = end - answer.get("played_ms").asDouble() / 1000;
                int from = (int) Math.max(0, (start + offset - 0.3) * rate);
                int to = (int) Math.min(s.length, (end + offset + 0.5) * rate);
                if (to <= from) {
                    continue;
                }
                short[] pcm = new PcmAudio(rate, 1, java.util.Arrays.copyOfRange(s, from, to)).toPcm16();
                AsrStream stream = asr.open(0, t -> { });
                for (int at = 0; at < pcm.length; at += 320) {
                    stream.accept(java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 320)));
                }
                Transcript t = stream.finish(pcm.length * 62_500L);
                System.out.printf(Locale.ROOT, "live: robot said \"%s\", heard back from the speaker as \"%s\"%n",
                        answer.get("text").asText(), t.text());
                heard.add(t.text());
            }
        }
        return heard;
    }
}
