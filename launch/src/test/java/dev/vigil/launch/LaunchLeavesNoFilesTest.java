package dev.vigil.launch;

import dev.vigil.engines.VigilDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run leaves nothing in its temporary directory and nothing of ONNX Runtime's telemetry in its home
 * (issue "Solid ground", item 4): a replay that loads every speech model (Silero, Sphinx4, Whisper, the
 * sentence encoder) in a JVM of its own, with {@code TMPDIR}, {@code java.io.tmpdir} and {@code HOME}
 * pointed at empty folders, and without {@code ORT_DISABLE_TELEMETRY}, so the agent has to switch the
 * telemetry off itself.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LaunchLeavesNoFilesTest {

    /** Variables by which ONNX Runtime would skip its telemetry on its own (a CI machine). */
    private static final List<String> TELEMETRY_OFF = List.of("ORT_DISABLE_TELEMETRY", "CI", "TF_BUILD",
            "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "CODEBUILD_BUILD_ID", "BUILDKITE",
            "TEAMCITY_VERSION", "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
            "XDG_CACHE_HOME", "XDG_STATE_HOME");

    @Test
    void aReplayLeavesNothingInTmpAndNoTelemetryInHome(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path scenario = dir.resolve("one-command.yaml");
        Files.writeString(scenario, """
                name: one-command
                mic:
                  - {at: 0.5, say: "turn left", voice: slt}
                duration: 4
                expect:
                  - intent: turn
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder run = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-Xmx1536m",
                "-cp", System.getProperty("java.class.path"), "-Dvigil.home=" + Cli.project(),
                "dev.vigil.launch.Vigil", "replay", scenario.toString(), "--out", dir.resolve("out").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile());
        Map<String, String> env = run.environment();
        TELEMETRY_OFF.forEach(env::remove);
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        // The models this machine has already fetched; everything else goes to the new home.
        env.put("VIGIL_MODEL_CACHE", VigilDirs.fromEnvironment().cache().resolve("models").toString());
        Process p = run.start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the replay ends").isTrue();
        String log = Files.readString(dir.resolve("run.log"));
        assertThat(p.exitValue()).as(log).isZero();

        // Folders too: ONNX Runtime's loader used to leave an empty onnxruntime-java* one.
        try (Stream<Path> left = Files.walk(tmp)) {
            assertThat(left.filter(f -> !f.equals(tmp)).toList()).as("left in the temporary directory").isEmpty();
        }
        assertThat(home.resolve(".cache/Microsoft")).as("ONNX Runtime's telemetry store").doesNotExist();
        // Only Vigil's own cache (native libraries, grammars) in the home.
        assertThat(files(home)).allSatisfy(f -> assertThat(f).startsWith(home.resolve(".cache/vigil")));
        assertThat(log).doesNotContain("Exception");
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
