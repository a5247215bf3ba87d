package dev.vigil.launch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every broken file is refused with one line: the file, the key path, the problem. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Loads {@code file}, which must be refused with one line naming it, {@code keyPath} and {@code problem}. */
    private static ConfigException refused(Path file, String keyPath, String problem) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> AgentConfig.load(file));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception")
                .startsWith(file + ": " + (keyPath.isEmpty() ? "" : keyPath + ": "))
                .contains(problem);
        assertThat(e.keyPath()).isEqualTo(keyPath);
        assertThat(e.source()).isEqualTo(file.toString());
        return e;
    }

    static Stream<Arguments> brokenValues() {
        return Stream.of(
                // unknown keys
                arguments("hearign: {}", "hearign", "unknown key 'hearign'; did you mean hearing? (valid here: turn, hearing, recognition,"),
                arguments("hearing: {vad: {start_treshold: 0.6}}", "hearing.vad.start_treshold",
                        "unknown key 'start_treshold'; did you mean start_threshold? (valid here: start_threshold, stop_threshold, onset_windows"),
                arguments("turn: {banana: 1}", "turn.banana",
                        "unknown key 'banana' (valid here: unit_ms, false_interruption_ms, min_interruption_ms, min_word_confidence, "
                                + "fillers, confirmation_timeout_ms, incomplete_wait_ms, extension_window_ms, stop_confidence)"),
                arguments("hearing:\n  aec:\n    filterMillis: 200\n", "hearing.aec.filterMillis", "did you mean filter_ms?"),
                arguments("vision: {engines: [ocr, yolo]}", "vision.engines", "unknown engine 'yolo' (known: faces, light, objects, ocr)"),
                arguments("vision: {max_hz: 0.5}", "vision.baseline_hz", "max_hz at least baseline_hz"),
                arguments("watches: {requests: [\"tell me a joke\"]}", "watches.requests",
                        "'tell me a joke' is not a watch request Vigil understands"),
                arguments("watches: {debounce_frames: 0}", "watches.debounce_frames", "debounce_frames ≥ 1"),
                // wrong types, never coerced
                arguments("hearing: {vad: {start_threshold: high}}", "hearing.vad.start_threshold", "expected a number, got \"high\""),
                arguments("turn: {unit_ms: \"1000\"}", "turn.unit_ms", "expected an integer, got \"1000\""),
                arguments("turn: {unit_ms: 1000.5}", "turn.unit_ms", "expected an integer, got 1000.5"),
                arguments("turn: {unit_ms: 99999999999}", "turn.unit_ms", "expected an integer from -2147483648 to 2147483647, got 99999999999"),
                arguments("turn: {unit_ms: }", "turn.unit_ms", "expected an integer, got nothing"),
                arguments("turn: {unit_ms: [1000]}", "turn.unit_ms", "expected an integer, got a list"),
                arguments("hearing: {aec: {enabled: 1}}", "hearing.aec.enabled", "expected true or false, got 1"),
                arguments("hearing: {aec: {enabled: \"false\"}}", "hearing.aec.enabled", "expected true or false, got \"false\""),
                arguments("microphone: {muted: 0.0}", "microphone.muted", "expected true or false, got 0.0"),
                arguments("speaking: {voice: 5}", "speaking.voice", "expected text, got 5 (put it in quotes if you meant text)"),
                arguments("microphone: {pipeline: [pulsesrc, audioconvert]}", "microphone.pipeline", "expected text, got a list"),
                arguments("speaker: {pipeline: {alsasink: hw}}", "speaker.pipeline", "expected text, got a mapping"),
                arguments("turn: {fillers: uh}", "turn.fillers", "expected a list, got \"uh\""),
                arguments("turn: {fillers: [uh, 5]}", "turn.fillers[1]", "expected text, got 5"),
                arguments("hearing: 5", "hearing", "expected a mapping, got 5"),
                arguments("engines: [intra_op_threads]", "engines", "expected a mapping, got a list"),
                // out of range: the records' own checks, under the key path
                arguments("hearing: {aec: {filter_ms: 5}}", "hearing.aec.filter_ms", "aec filter length must be 10..1000 ms, was 5"),
                arguments("hearing: {vad: {start_threshold: 0.3}}", "hearing.vad.start_threshold",
                        "need 0 < stop threshold <= start threshold < 1, got 0.35 and 0.3"),
                arguments("hearing: {vad: {start_threshold: 0.3, hangover_ms: 100}}", "hearing.vad",
                        "need 0 < stop threshold <= start threshold < 1"),
                arguments("hearing: {echo_guard: {hold_ms: -1}}", "hearing.echo_guard.hold_ms",
                        "echo guard hold must be 0..10000 ms, was -1"),
                arguments("hearing: {echo_guard: {reverb_ms: 5000}}", "hearing.echo_guard.reverb_ms",
                        "echo guard reverberation must be 0..2000 ms, was 5000"),
                arguments("ros: {domain_id: 300}", "ros.domain_id", "must be 0–232"),
                arguments("ros: {node_name: my-robot}", "ros.node_name", "letters, digits and _ only, not starting with a digit"),
                arguments("ros: {distribution: noetic}", "ros.distribution",
                        "humble or jazzy (or foxy, galactic, iron, kilted, rolling), was noetic"),
                arguments("ros: {topics: {intents: intents}}", "ros.topics.intents",
                        "not an absolute ROS topic name (like /intents): \"intents\""),
                arguments("ros: {topics: {robot_speaking: /a//b}}", "ros.topics.robot_speaking",
                        "not an absolute ROS topic name (like /intents): \"/a//b\""),
                arguments("ros: {topics: {audio: audio_stamped}}", "ros.topics.audio",
                        "not an absolute ROS topic name (like /intents): \"audio_stamped\""),
                arguments("ros: {audio_format: {sample_format: S24LE}}", "ros.audio_format.sample_format",
                        "S16LE or F32LE, was S24LE"),
                arguments("ros: {audio_format: {sample_rate: 1000}}", "ros.audio_format.sample_rate",
                        "must be 8000–192000 Hz"),
                arguments("ros: {speaker_latency_ms: -1}", "ros.speaker_latency_ms", "must be 0–2000"),
                arguments("ros: {voice_id: 'anonymous speaker'}", "ros.voice_id", "letters, digits and _ only, not starting with a digit"),
                arguments("hearing: {background: {below_user_db: 3}}", "hearing.background.below_user_db",
                        "background below_user_db must be 6..60 dB, was 3.0"),
                arguments("hearing: {background: {engaged_ms: -5}}", "hearing.background.engaged_ms",
                        "background engaged_ms must be 0..600000 ms, was -5"),
                arguments("hearing: {background: {floor_dbfs: 3}}", "hearing.background.floor_dbfs",
                        "background floor_dbfs must be -120..0 dBFS, was 3.0"),
                arguments("hearing: {max_queue_ms: 0}", "hearing.max_queue_ms", "must be positive, was 0"),
                arguments("engines: {intra_op_threads: 0}", "engines.intra_op_threads", "must be at least 1, got 0"),
                arguments("engines: {precision: bf16}", "engines.precision", "unknown precision 'bf16' (fp32, fp16 or int8)"),
                arguments("recognition: {open_tier_threads: -1}", "recognition.open_tier_threads",
                        "must be 0 (no open tier) to 64 threads"),
                arguments("robot: {step_length_m: 0}", "robot.step_length_m", "must be more than 0 and at most 5 metres, was 0.0"),
                arguments("robot: {places: [{id: Lab 3, say: the lab, grammar: [lab]}]}", "robot.places[0]",
                        "id: lower snake case such as meeting_room, got 'Lab 3'"),
                arguments("robot: {places: [{id: lab, say: the lab, grammar: [The Lab]}]}", "robot.places[0]",
                        "'The Lab' is not lower-case words separated by single spaces"),
                arguments("robot: {places: [{id: lab, say: a, grammar: [lab]}, {id: lab, say: b, grammar: [lab]}]}",
                        "robot.places", "'lab' is named twice"),
                arguments("robot: {places: [{id: lab, grammar: [lab]}]}", "robot.places[0].say", "expected text, got nothing"),
                arguments("engines: {backends: [\"\"]}", "engines.backends[0]", "must not be empty"),
                arguments("engines: {backends: [onnxruntime-cpu, tensorrtt]}", "engines.backends[1]",
                        "unknown backend 'tensorrtt' (known: tensorrt, onnxruntime-tensorrt, onnxruntime-cuda,"
                                + " onnxruntime-cpu, opencv-dnn)"),
                arguments("turn: {min_word_confidence: 1.5}", "turn.min_word_confidence", "must be between 0 and 1, was 1.5"),
                arguments("turn: {false_interruption_ms: -1}", "turn.false_interruption_ms", "must not be negative"),
                arguments("turn: {confirmation_timeout_ms: 0}", "turn.confirmation_timeout_ms", "must be positive"),
                arguments("turn: {incomplete_wait_ms: -1}", "turn.incomplete_wait_ms", "must not be negative, was -1"),
                arguments("turn: {extension_window_ms: -800}", "turn.extension_window_ms", "must not be negative, was -800"),
                arguments("turn: {extension_window_ms: 0.8}", "turn.extension_window_ms", "expected an integer, got 0.8"),
                arguments("turn: {stop_confidence: -0.1}", "turn.stop_confidence",
                        "must not be negative (above 1 turns the check off), was -0.1"),
                arguments("turn: {fillers: [uh, Um]}", "turn.fillers[1]", "must be lower case"),
                arguments("turn: {fillers: [\"you know\"]}", "turn.fillers[0]", "must be a single word"),
                arguments("turn: {fillers: }", "turn.fillers", "must be a list of words (write [] for none)"),
                arguments("speaking: {rate: 3}", "speaking.rate", "must be between 0.5 and 2.0, was 3.0"),
                arguments("speaking: {voice: bob}", "speaking.voice", "unknown flite voice \"bob\" (use one of awb, kal, kal16, rms, slt)"),
                arguments("speaking: {language: english}", "speaking.language", "not a language tag such as en-US: \"english\""),
                arguments("recognition: {grammar: missing.gram}", "recognition.grammar", "no such grammar file"),
                arguments("recognition: {grammar: commands.txt}", "recognition.grammar", "must end in .gram"),
                arguments("microphone: {channel: -2}", "microphone.channel", "must be -1 (mix down) or a channel number from 0, was -2"),
                arguments("microphone: {pipeline: \"  \"}", "microphone.pipeline", "must not be empty"),
                arguments("speaker: {kind: }", "speaker.kind", "must be given"),
                arguments("events: {file: \"\"}", "events.file", "must not be empty (leave it out or write null for none)"),
                arguments("console: {port: 70000}", "console.port", "must be 0–65535 (0: any free port)"),
                arguments("console: {port: -1}", "console.port", "must be 0–65535 (0: any free port)"),
                arguments("console: {port: \"8470\"}", "console.port", "expected an integer, got \"8470\""),
                arguments("console: {bind: localhost}", "console.bind", "not an IP address such as 127.0.0.1, 0.0.0.0 or ::1: \"localhost\""),
                arguments("console: {bind: 127.0.0.256}", "console.bind", "not an IP address such as 127.0.0.1, 0.0.0.0 or ::1: \"127.0.0.256\""),
                arguments("console: {bind: \"\"}", "console.bind", "must not be empty"),
                arguments("console: {token: s3cret}", "console.token", "must be at least 16 characters (leave it out to have one made)"),
                arguments("console: {token: \"a token with spaces in it\"}", "console.token", "printable ASCII without spaces only"),
                arguments("console: {enabled: 1}", "console.enabled", "expected true or false, got 1"),
                arguments("out: \"\"", "out", "must not be empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenValues")
    void aBrokenValueNamesItsKeyPath(String yaml, String keyPath, String problem) throws Exception {
        refused(write(yaml + "\n"), keyPath, problem);
    }

    @Test
    void theDocumentedExample() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> AgentConfig.parse("hearing:\n  vad:\n    start_threshold: high\n", "vigil.yaml"));

        assertThat(e).hasMessage("vigil.yaml: hearing.vad.start_threshold: expected a number, got \"high\"");
    }

    @Test
    void theFirstBrokenKeyOfSeveralIsTheOneNamed() throws Exception {
        refused(write("turn:\n  unit_ms: 500\n  fillers: [uh]\nhearing:\n  vad:\n    start_threshold: high\n"),
                "hearing.vad.start_threshold", "expected a number");
    }

    @Test
    void notYaml() throws Exception {
        refused(write("turn: {unit_ms: 1000\nhearing: [\n"), "line 2, column 8",
                "not valid YAML: expected ',' or '}', but got : (while parsing a flow mapping from line 1)");
    }

    @Test
    void aTabIndentedFileIsNotYaml() throws Exception {
        refused(write("turn:\n\tunit_ms: 500\n"), "line 2, column 1",
                "not valid YAML: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void aDuplicateKeyIsRefused() throws Exception {
        refused(write("turn: {unit_ms: 500}\nturn: {unit_ms: 800}\n"), "line 2, column 5", "Duplicate field 'turn'");
    }

    @Test
    void aSecondDocumentIsRefused() throws Exception {
        refused(write("turn: {unit_ms: 500}\n---\nturn: {unit_ms: 800}\n"), "line 3",
                "a second YAML document (after ---): put all settings in one");
    }

    @Test
    void aBinaryFileIsNotYaml() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.write(file, new byte[] {'R', 'I', 'F', 'F', (byte) 0xff, (byte) 0xfe, 0, 0, (byte) 0x80});
        refused(file, "", "not a YAML file: not UTF-8 text");
    }

    @Test
    void notAMappingAtTopLevel() throws Exception {
        refused(write("- turn\n- hearing\n"), "", "expected a mapping of sections (turn, hearing, recognition, …), got a list");
        refused(write("hello\n"), "", "got \"hello\"");
    }

    @Test
    void aMissingFile() {
        refused(dir.resolve("nowhere.yaml"), "", "no such file");
    }

    @Test
    void aDirectory() {
        refused(dir, "", "is a directory, not a configuration file");
    }

    @Test
    void anUnreadableFile() throws Exception {
        Path file = write("turn: {unit_ms: 500}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("permissions apply (not root)").isFalse();

        refused(file, "", "cannot read it: permission denied");
    }
}
