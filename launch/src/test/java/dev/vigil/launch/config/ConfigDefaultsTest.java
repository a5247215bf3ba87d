package dev.vigil.launch.config;

import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.engines.EngineOptions;
import dev.vigil.perception.audio.aec.AecSettings;
import dev.vigil.perception.audio.frontend.EchoGuardSettings;
import dev.vigil.perception.audio.frontend.FrontEndSettings;
import dev.vigil.perception.audio.vad.VadSettings;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.tts.FliteTts;
import dev.vigil.ros.msg.GidLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a file that says little gives: the code's own defaults, and what it does say. */
class ConfigDefaultsTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void defaultsAreTheCodesOwnDefaults() {
        AgentConfig config = AgentConfig.defaults();

        assertThat(config.frontEnd()).isEqualTo(FrontEndSettings.defaults());
        assertThat(config.hearing().aec()).isEqualTo(AecSettings.defaults());
        assertThat(config.hearing().vad()).isEqualTo(VadSettings.defaults());
        assertThat(config.hearing().echoGuard()).isEqualTo(EchoGuardSettings.defaults());
        assertThat(config.engineOptions()).isEqualTo(EngineOptions.defaults());

        FloorSettings floor = FloorSettings.defaults();
        TurnSettings turn = config.turn();
        assertThat(turn.unitMillis()).isEqualTo(floor.unitMillis());
        assertThat(turn.falseInterruptionMillis()).isEqualTo(floor.falseInterruptionMillis());
        assertThat(turn.minWordConfidence()).isEqualTo(floor.minWordConfidence());
        assertThat(Set.copyOf(turn.fillers())).isEqualTo(floor.fillers());
        assertThat(turn.minInterruptionMillis()).isZero();
        assertThat(turn.confirmationTimeoutMillis()).isEqualTo(8000);
        assertThat(turn.incompleteWaitMillis()).isEqualTo(floor.incompleteWaitMillis()).isEqualTo(1200);
        assertThat(turn.extensionWindowMillis()).isEqualTo(floor.extensionWindowMillis()).isEqualTo(800);
        assertThat(turn.stopConfidence()).isEqualTo(floor.stopConfidence());

        assertThat(config.recognition().grammar()).isNull();
        assertThat(config.recognition().asrGrammar(config.robot().vocabulary())).isEqualTo(AsrGrammar.robot());
        assertThat(config.recognition().language()).isEqualTo("en-US");
        assertThat(config.speaking()).isEqualTo(new SpeakingSettings(FliteTts.DEFAULT_VOICE, 1.0, "en-US"));
        assertThat(config.microphone()).isEqualTo(new MicrophoneSettings("auto", null, -1, false));
        assertThat(config.microphone().resolvedKind(false)).isEqualTo("gst");
        assertThat(config.microphone().resolvedKind(true)).as("on ROS, no device named").isEqualTo("ros");
        assertThat(config.microphone().pipelineOrDefault()).isEqualTo("autoaudiosrc");
        assertThat(config.ros().topics().audio()).isEqualTo("/audio_stamped");
        assertThat(config.ros().topics().audioInfo()).isEqualTo("/audio_info");
        assertThat(config.ros().audioFormat()).isEqualTo(new RosSettings.AudioFormat(1, 16000, "S16LE"));
        assertThat(config.speaker()).isEqualTo(new SpeakerSettings("auto", null));
        assertThat(config.speaker().resolvedKind(true)).isEqualTo("ros");
        assertThat(config.speaker().pipelineOrDefault()).isEqualTo("autoaudiosink");
        assertThat(config.ros().topics().robotAudio()).isEqualTo("/robot_audio_stamped");
        assertThat(config.ros().speakerLatencyMs()).isZero();
        assertThat(config.ros().distribution()).isEqualTo("humble");
        assertThat(config.ros().gidLayout()).as("ros_discovery_info's gids as Humble lays them out").isEqualTo(GidLayout.HUMBLE);
        assertThat(config.events().file()).isNull();
        assertThat(config.events().toStdout()).isFalse();
        assertThat(config.out()).isNull();
        assertThat(config.outDir()).isEmpty();
    }

    @Test
    void anEmptyFileOrOneOfCommentsGivesTheDefaults() throws Exception {
        assertThat(AgentConfig.load(write(""))).isEqualTo(AgentConfig.defaults());
        assertThat(AgentConfig.load(write("\n   \n"))).isEqualTo(AgentConfig.defaults());
        assertThat(AgentConfig.load(write("# everything as it comes\n---\n"))).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void aPartialFileChangesOnlyWhatItGives() throws Exception {
        AgentConfig config = AgentConfig.load(write("""
                turn:
                  min_interruption_ms: 250
                hearing:
                  aec: {enabled: false}
                  vad:
                    start_threshold: 0.6
                microphone:
                  pipeline: pulsesrc device=mic
                  channel: 0
                speaking:            # an empty section keeps its defaults
                """));

        AgentConfig defaults = AgentConfig.defaults();
        assertThat(config.turn().minInterruptionMillis()).isEqualTo(250);
        assertThat(config.turn().unitMillis()).isEqualTo(1000);
        assertThat(config.frontEnd().aec()).isEqualTo(AecSettings.defaults().withEnabled(false));
        assertThat(config.frontEnd().vad().startThreshold()).isEqualTo(0.6f);
        assertThat(config.frontEnd().vad().stopThreshold()).isEqualTo(VadSettings.defaults().stopThreshold());
        assertThat(config.frontEnd().echoGuard()).isEqualTo(EchoGuardSettings.defaults());
        assertThat(config.microphone()).isEqualTo(new MicrophoneSettings("auto", "pulsesrc device=mic", 0, false));
        assertThat(config.microphone().resolvedKind(true)).as("a named device wins over ROS").isEqualTo("gst");
        assertThat(config.speaking()).isEqualTo(defaults.speaking());
        assertThat(config.engines()).isEqualTo(defaults.engines());
        assertThat(config.speaker()).isEqualTo(defaults.speaker());
    }

    @Test
    void aListReplacesTheDefaultListWhole() throws Exception {
        AgentConfig config = AgentConfig.load(write("turn: {fillers: [uh, erm]}\nengines: {backends: [onnxruntime-cpu]}\n"));

        assertThat(config.turn().fillers()).containsExactly("uh", "erm");
        assertThat(config.engineOptions()).isEqualTo(new EngineOptions(1, List.of("onnxruntime-cpu")));
    }

    @Test
    void relativePathsInAFileAreRelativeToItsFolder() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("commands.gram"), "#JSGF V1.0;\ngrammar commands;\npublic <c> = stop;\n");
        Path file = conf.resolve("vigil.yaml");
        Files.writeString(file, "recognition: {grammar: commands.gram}\nevents: {file: logs/events.jsonl}\nout: ../runs\n");

        AgentConfig config = AgentConfig.load(file);

        assertThat(Path.of(config.recognition().grammar())).isEqualTo(conf.resolve("commands.gram").toAbsolutePath());
        assertThat(config.recognition().asrGrammar(config.robot().vocabulary()).name()).isEqualTo("commands");
        assertThat(config.events().filePath()).contains(conf.resolve("logs/events.jsonl").toAbsolutePath());
        assertThat(config.outDir()).contains(dir.resolve("runs").toAbsolutePath());
    }

    @Test
    void aDashSendsEventsToStandardOutput() throws Exception {
        AgentConfig config = AgentConfig.load(write("events: {file: \"-\"}\n"));

        assertThat(config.events().toStdout()).isTrue();
        assertThat(config.events().filePath()).isEmpty();
    }

    @Test
    void theDefaultsRoundTripThroughYaml() throws Exception {
        AgentConfig defaults = AgentConfig.defaults();

        assertThat(AgentConfig.parse(defaults.toYaml(), "printed")).isEqualTo(defaults);
    }

    @Test
    void everySettingChangedRoundTripsThroughYaml() throws Exception {
        Path grammar = dir.resolve("robot commands.gram");
        Files.writeString(grammar, "#JSGF V1.0;\ngrammar c;\npublic <c> = stop;\n");
        AgentConfig config = AgentConfig.parse("""
                turn: {unit_ms: 500, false_interruption_ms: 1500, min_interruption_ms: 200, min_word_confidence: 0.45,
                       fillers: ["mm-hm", "uh-huh", "no"], confirmation_timeout_ms: 5000, incomplete_wait_ms: 1500,
                       extension_window_ms: 0, stop_confidence: 0.65}
                hearing:
                  aec: {enabled: false, filter_ms: 250, track_delay: false, max_delay_ms: 300, echo_suppress_db: -30,
                       echo_suppress_active_db: -10, noise_suppress_db: 0}
                  vad: {start_threshold: 0.55, stop_threshold: 0.4, onset_windows: 3, confident_onset: 0.95,
                        hangover_ms: 240, pre_roll_ms: 120}
                  echo_guard: {margin_db: 4.5, prior_leak_db: -3, decay_db_per_window: 0.25, floor_db: -50,
                               onset_leak_db: -10.5, onset_after_ms: 250, robot_audible_db: -60, learn_above_db: -35,
                               echo_evidence_db: 2}
                  max_queue_ms: 1000
                recognition: {grammar: "%s", language: en-GB}
                speaking: {voice: kal16, rate: 1.25, language: zh-CN}
                engines: {intra_op_threads: 2, backends: [tensorrt, onnxruntime-cpu], precision: FP32}
                microphone: {kind: "123", pipeline: 'filesrc location="a b.wav" ! decodebin ! audioconvert', channel: 1, muted: true}
                speaker: {kind: "no", pipeline: "alsasink device=hw:1,0 # not a comment"}
                events: {file: "-"}
                console: {enabled: true, bind: "::1", port: 0, token: "a-token-of-24-characters"}
                out: "runs/2026-11-24: first"
                """.formatted(grammar), "all.yaml");

        AgentConfig back = AgentConfig.parse(config.toYaml(), "printed");

        assertThat(back).isEqualTo(config);
        assertThat(config).isNotEqualTo(AgentConfig.defaults());
        assertThat(back.speaker().pipeline()).isEqualTo("alsasink device=hw:1,0 # not a comment");
        assertThat(back.engineOptions().precision()).isEqualTo(dev.vigil.engines.Precision.FP32);
        assertThat(back.microphone().kind()).isEqualTo("123");
        assertThat(back.events().toStdout()).isTrue();
        assertThat(back.console()).isEqualTo(new ConsoleSettings(true, "::1", 0, "a-token-of-24-characters"));
        assertThat(back.turn().incompleteWaitMillis()).isEqualTo(1500);
        assertThat(back.turn().extensionWindowMillis()).isZero();
        assertThat(back.turn().stopConfidence()).isEqualTo(0.65f);
    }

    @Test
    void printedYamlHasEveryKeyInTheDocumentedOrder() {
        String yaml = AgentConfig.defaults().toYaml();

        assertThat(yaml.lines().filter(l -> !l.startsWith(" ")).map(l -> l.replaceAll(":.*", "")))
                .containsExactly("turn", "hearing", "recognition", "robot", "speaking", "engines", "microphone", "speaker",
                        "camera", "vision", "watches", "ros", "events", "console", "out");
        assertThat(yaml).contains("  grammar: null\n", "  file: null\n", "out: null\n", "  backends: []\n",
                "    filter_ms: 100\n", "  max_queue_ms: 2000\n");
    }

    @Test
    void aRobotsOwnPlacesAndStepReplaceTheExampleMap() throws Exception {
        AgentConfig config = AgentConfig.parse("""
                robot:
                  step_length_m: 0.4
                  places:
                    - {id: loading_bay, say: the loading bay, grammar: [loading bay]}
                    - {id: lab_3, say: lab three, also: [robotics lab]}
                """, "vigil.yaml");
        assertThat(config.robot().vocabulary().places()).extracting(dev.vigil.agent.vocabulary.Vocabulary.Place::id)
                .containsExactly("loading_bay", "lab_3");
        var reader = config.robot().commandReader();
        assertThat(reader.completeness("head to the loading")).isEqualTo(dev.vigil.policy.intent.Completeness.INCOMPLETE);
        assertThat(reader.completeness("head to the loading bay")).isEqualTo(dev.vigil.policy.intent.Completeness.FINAL);
        assertThat(config.recognition().asrGrammar(config.robot().vocabulary()))
                .isEqualTo(AsrGrammar.robot(config.robot().vocabulary()))
                .isNotEqualTo(AsrGrammar.robot());
        assertThat(AgentConfig.parse(config.toYaml(), "printed")).as("printed and read back").isEqualTo(config);
    }
}
