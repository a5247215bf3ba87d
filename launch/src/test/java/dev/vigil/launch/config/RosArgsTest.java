package dev.vigil.launch.config;

import dev.vigil.ros.msg.GidLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node arguments a ROS 2 launch file passes ({@code --ros-args …}), read into the configuration. */
class RosArgsTest {

    @TempDir
    Path dir;

    private static AgentConfig apply(String... tokens) throws ConfigException {
        return RosArgs.parse(List.of(tokens)).applyTo(AgentConfig.defaults());
    }

    @Test
    void remapsNameTheNodeAndMoveTheAgentsTopics() throws Exception {
        AgentConfig config = apply("-r", "__name:=front_desk", "-r", "/intents:=/robot/intents", "--remap", "say:=robot/say",
                "-p", "ros.voice_id:=visitor", "-p", "ros.distribution:=jazzy", "--log-level", "debug");
        assertThat(config.ros().enabled()).as("--ros-args implies ROS").isTrue();
        assertThat(config.ros().nodeName()).isEqualTo("front_desk");
        assertThat(config.ros().topics().intents()).isEqualTo("/robot/intents");
        assertThat(config.ros().topics().say()).isEqualTo("/robot/say");
        assertThat(config.ros().voiceId()).isEqualTo("visitor");
        assertThat(config.ros().gidLayout()).isEqualTo(GidLayout.JAZZY);
        assertThat(config.ros().topics().utterance()).isEqualTo("/robot_utterance");
    }

    @Test
    void aParamsFileHasVigilYamlsShapeUnderTheNodesNameOrTheWildcard() throws Exception {
        Path params = dir.resolve("params.yaml");
        Files.writeString(params, """
                front_desk:
                  ros__parameters:
                    ros: {topics: {intents: /desk/intents}, speaker_latency_ms: 80}
                    turn: {false_interruption_ms: 1500}
                """);
        AgentConfig config = apply("--params-file", params.toString(), "-r", "__node:=front_desk");
        assertThat(config.ros().topics().intents()).isEqualTo("/desk/intents");
        assertThat(config.ros().speakerLatencyMs()).isEqualTo(80);
        assertThat(config.turn().falseInterruptionMillis()).isEqualTo(1500);
        assertThat(config.ros().topics().audio()).as("keys left out keep their defaults").isEqualTo("/audio_stamped");

        Files.writeString(params, "/**:\n  ros__parameters:\n    ros: {voice_id: guest}\n");
        assertThat(apply("--params-file", params.toString()).ros().voiceId()).isEqualTo("guest");
    }

    @Test
    void theBundledLaunchFileAndParamsFileAgreeAndGiveTheDefaults() throws Exception {
        Path ros2 = Path.of("ros2");
        AgentConfig config = apply("-r", "__node:=vigil", "--params-file", ros2.resolve("vigil_params.yaml").toString());
        AgentConfig defaults = AgentConfig.defaults().withOverride("ros.enabled", "true");
        assertThat(config).as("the params file writes the defaults out").isEqualTo(defaults);
        Element launch = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ros2.resolve("vigil.launch.xml").toFile()).getDocumentElement();
        assertThat(launch.getTagName()).isEqualTo("launch");
        Element executable = (Element) launch.getElementsByTagName("executable").item(0);
        assertThat(executable.getAttribute("cmd")).isEqualTo("$(var vigil) run --ros-args -r __node:=$(var node_name)"
                + " --params-file $(var params_file)");
    }

    @Test
    void whatTheAgentCannotDoIsRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> apply("-r", "__ns:=/robot1")).isInstanceOf(ConfigException.class)
                .hasMessage("--ros-args: -r __ns:=/robot1: namespaces are not supported yet; remap each topic instead"
                        + " (-r /intents:=/robot1/intents)");
        assertThatThrownBy(() -> apply("-r", "/camera:=/front/camera"))
                .hasMessageStartingWith("--ros-args: -r /camera:=…: the agent has no topic /camera (its topics: /intents, ")
                .hasMessageEndingWith(", /say, /image_raw)");
        assertThatThrownBy(() -> apply("--enclave", "/x")).hasMessage("--ros-args: \"--enclave\" is not supported (the agent"
                + " takes -r, -p, --params-file and --log-level)");
        assertThatThrownBy(() -> apply("-p", "ros.voice_id")).hasMessage("--ros-args: -p ros.voice_id: expected KEY:=VALUE");
        assertThatThrownBy(() -> apply("-p")).hasMessage("--ros-args: -p needs a value");
        assertThatThrownBy(() -> apply("-p", "ros.domain_id:=999")).hasMessage("--ros-args -p: ros.domain_id: must be 0–232");
        Path params = dir.resolve("other.yaml");
        Files.writeString(params, "someone_else:\n  ros__parameters: {}\n");
        assertThatThrownBy(() -> apply("--params-file", params.toString())).hasMessage("--params-file " + params
                + ": no entry for the node: expected \"vigil:\" (or \"/**:\") with \"ros__parameters:\" under it");
        Files.writeString(params, "vigil:\n  ros__parameters:\n    turn: {false_interruption_ms: -3}\n");
        assertThatThrownBy(() -> apply("--params-file", params.toString()))
                .hasMessageStartingWith("--params-file " + params + ": turn.false_interruption_ms: ");
        assertThatThrownBy(() -> apply("--params-file", dir.resolve("missing.yaml").toString()))
                .hasMessage("--params-file " + dir.resolve("missing.yaml") + ": no such file (looked for "
                        + dir.resolve("missing.yaml").toAbsolutePath() + ")");
    }
}
