package dev.vigil.launch;

import dev.vigil.launch.testing.PulseAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vigil run} with bad configuration or devices: one line naming the input and the problem, exit 2. */
class RunCommandTest {

    @TempDir
    Path dir;

    private static void oneLineExit2(Cli result, String... mentions) {
        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(Vigil.BAD_INPUT);
        String[] lines = result.err().strip().split("\n");
        assertThat(lines).as(result.err()).hasSize(1);
        assertThat(lines[0]).startsWith("vigil: ").contains(mentions);
    }

    @Test
    void anUnknownKeyInTheConfigurationFile() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "hearing:\n  vad:\n    start_treshold: 0.6\n");
        oneLineExit2(Cli.run("run", "--config", file.toString()), "vigil.yaml", "hearing.vad.start_treshold");
    }

    @Test
    void aWrongTypeOnTheCommandLine() {
        oneLineExit2(Cli.run("run", "--set", "hearing.vad.start_threshold=high"), "hearing.vad.start_threshold");
    }

    @Test
    void aRosInterfaceAddressOfAnotherMachineIsRefusedBeforeJoining() {
        // Fast DDS itself would only log that every interface was filtered out, and run deaf and mute.
        oneLineExit2(Cli.run("run", "--ros", "--set", "ros.interface_address=192.0.2.123",
                        "--mic", "audiotestsrc is-live=true", "--speaker", "fakesink"),
                "ros.interface_address: 192.0.2.123 is not an address of this machine");
    }

    @Test
    void rosArgumentsAsALaunchFilePassesThemAreReadAndABadOneRefused() {
        oneLineExit2(Cli.run("run", "--ros-args", "-r", "__node:=desk", "-r", "/nope:=/x", "--speaker", "fakesink"),
                "--ros-args: -r /nope:=…: the agent has no topic /nope");
        oneLineExit2(Cli.run("run", "--ros-args", "-p", "ros.interface_address:=192.0.2.7", "--params-file",
                "ros2/vigil_params.yaml"), "ros.interface_address: 192.0.2.7 is not an address of this machine");
    }

    @Test
    void aBagThatCannotBeWrittenIsRefusedInOneLine() {
        oneLineExit2(Cli.run("run", "--mic", "audiotestsrc is-live=true", "--speaker", "fakesink",
                "--record-bag", "/nonexistent-vigil-dir/outputs.mcap"), "--record-bag /nonexistent-vigil-dir/outputs.mcap: cannot write it (its folder does not exist)");
    }

    @Test
    void aRosMicrophoneWithoutRosIsRefusedNamingBothSettings() {
        oneLineExit2(Cli.run("run", "--set", "microphone.kind=ros", "--speaker", "fakesink"),
                "microphone.kind: ros needs the agent on ROS (--ros, or ros.enabled: true)");
        oneLineExit2(Cli.run("run", "--set", "speaker.kind=ros", "--mic", "audiotestsrc is-live=true"),
                "speaker.kind: ros needs the agent on ROS (--ros, or ros.enabled: true)");
    }

    @Test
    void aCameraDescriptionThatDoesNotParseIsRefusedBeforeModelsLoad() {
        oneLineExit2(Cli.run("run", "--mic", "audiotestsrc is-live=true", "--speaker", "fakesink",
                "--camera", "nosuchcamerasrc device=/dev/video0"), "camera pipeline \"nosuchcamerasrc device=/dev/video0\": no element");
        oneLineExit2(Cli.run("run", "--mic", "audiotestsrc is-live=true", "--speaker", "fakesink",
                "--set", "camera.pipeline='v4l2src devce=/dev/video0'"), "no property \"devce\"");
    }

    @Test
    void aMicrophoneDescriptionThatDoesNotParse() {
        oneLineExit2(Cli.run("run", "--mic", "pulsesrc devic=x"), "devic");
        oneLineExit2(Cli.run("run", "--speaker", "nosuchsink"), "nosuchsink");
    }

    @Test
    void aDeviceThatDoesNotExist() {
        try (PulseAudio pulse = PulseAudio.start()) {
            oneLineExit2(Cli.run("run", "--mic", "pulsesrc server=" + pulse.server() + " device=nope",
                    "--speaker", "fakesink sync=true"), "nope");
        }
    }

    @Test
    void anOutFolderThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        oneLineExit2(Cli.run("run", "--out", file.toString(), "--mic", "audiotestsrc is-live=true",
                "--speaker", "fakesink sync=true"), "taken");
    }
}
