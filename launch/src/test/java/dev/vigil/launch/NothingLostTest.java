package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engines.VigilDirs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a run found is lost (issue "Solid ground", item 3): outputs that cannot be written are refused
 * before the run, one output folder serves one run at a time, and SIGINT ends a replay with exit 130
 * and its report, report page and recordings so far.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NothingLostTest {

    private static final String SCENARIO = """
            name: twenty-seconds
            respond: false
            mic:
              - {at: 0.5, say: "turn left", voice: slt}
              - {at: 12, say: "stop", voice: slt}
            duration: 20
            """;

    @Test
    void outputsThatCannotBeWrittenAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path folder = Files.createDirectories(dir.resolve("a-folder"));

        refused(Cli.run("replay", scenario.toString(), "--out", file.toString()),
                "--out " + file + ": a file, not a folder");
        refused(Cli.run("replay", scenario.toString(), "--report", folder.toString()),
                "--report " + folder + ": a folder, not a file");
        refused(Cli.run("replay", scenario.toString(), "--events", folder.toString()),
                "--events " + folder + ": a folder, not a file");
        Path out = dir.resolve("out");
        refused(Cli.run("replay", scenario.toString(), "--out", out.toString(), "--events",
                out.resolve("mic.wav").toString()), "--events " + out.resolve("mic.wav") + ": also written by --out");
        refused(Cli.run("replay", scenario.toString(), "--out", out.toString(), "--report",
                out.resolve("robot.wav").toString()), "--report " + out.resolve("robot.wav") + ": also written by --out");
        refused(Cli.run("replay", scenario.toString(), "--out", out.toString(), "--report",
                out.resolve("report.html").toString()), "--report " + out.resolve("report.html") + ": also written by --out");
        // The page goes beside the report with .html: a report named so would be overwritten by it.
        refused(Cli.run("replay", scenario.toString(), "--report", dir.resolve("r.html").toString()),
                "--report " + dir.resolve("r.html") + ": the report page is written beside the report as r.html");
        Path blocked = Files.createDirectories(dir.resolve("blocked/mic.wav")).getParent();
        refused(Cli.run("replay", scenario.toString(), "--out", blocked.toString()),
                "--out " + blocked + ": mic.wav there is a folder");
        // Refused before anything was written.
        assertThat(out.resolve("report.json")).doesNotExist();
    }

    @Test
    void aFolderInUseIsRefused(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path out = Files.createDirectories(dir.resolve("out"));
        try (FileChannel lock = FileChannel.open(out.resolve(Outputs.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); var held = lock.lock()) {
            refused(Cli.run("replay", scenario.toString(), "--out", out.toString()),
                    "--out " + out + ": another run is writing there");
        }
    }

    @Test
    void anEarlierRunsOutputsAreRefusedUnlessOverwriteIsGiven(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("report.json"), "{}");
        Files.writeString(out.resolve("mic.wav"), "earlier");
        Files.writeString(out.resolve("notes.txt"), "the user's own file");

        refused(Cli.run("replay", scenario.toString(), "--out", out.toString()),
                "--out " + out + ": holds an earlier run's outputs (report.json, mic.wav); give a new or empty folder,"
                        + " or --overwrite to replace them");
        assertThat(out.resolve("report.json")).hasContent("{}");

        // An empty folder, or one with only other files and the lock an earlier run left, is not refused.
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.createFile(empty.resolve(Outputs.LOCK));
        try (Outputs claimed = Outputs.claim(null, empty, null, false)) {
            assertThat(claimed.dir()).isEqualTo(empty);
        }
        // --overwrite deletes the earlier run's files before the run, and nothing else.
        try (Outputs claimed = Outputs.claim(null, out, null, true)) {
            assertThat(out.resolve("report.json")).doesNotExist();
            assertThat(out.resolve("mic.wav")).doesNotExist();
            assertThat(out.resolve("notes.txt")).exists();
        }
    }

    /**
     * A folder without room for the recordings is refused before any model loads: a real 64 kB tmpfs
     * (mounting needs root, as in CI; skipped otherwise).
     */
    @Test
    void aFolderWithoutRoomForTheRecordingsIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path small = Files.createDirectories(dir.resolve("small"));
        int mounted;
        String said;
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
                    .redirectErrorStream(true).start();
            said = new String(mount.getInputStream().readAllBytes()).strip();
            mounted = mount.waitFor();
        } catch (java.io.IOException e) {
            mounted = -1;
            said = e.getMessage();   // no mount command
        }
        Assumptions.assumeTrue(mounted == 0, "cannot mount a tmpfs here (needs root): " + said);
        try {
            Cli result = Cli.run("replay", scenario.toString(), "--out", small.toString());
            // 20 s of three 16-bit 16 kHz tracks (1.8 MB) plus the 8 MB margin, against 64 kB.
            refused(result, "--out " + small + ": the recordings of 20 s need about 9.8 MB, and only 0.1 MB are free"
                    + " there");
            // Refused before any engine loaded or any audio played.
            assertThat(result.out()).doesNotContain("engines loaded").doesNotContain("scenario twenty-seconds");
            try (var left = Files.list(small)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(Outputs.LOCK);
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
        }
    }

    /**
     * A real SIGINT to a real replay in a JVM of its own, 4 s into a 20 s scenario played in real time;
     * meanwhile a second replay into the same folder is refused, and the recordings are already on disk.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigintEndsAReplayWithItsReportAndRecordingsSoFar(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path out = dir.resolve("out");
        Path events = dir.resolve("events.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder run = new ProcessBuilder(
                // SIGINT back to its default: a shell without job control (a CI script's background
                // job) starts its children with SIGINT ignored, and the JVM then never sees it.
                "env", "--default-signal=INT", java, "-Xmx1536m", "-Dvigil.warmup=false",
                "-cp", System.getProperty("java.class.path"), "-Dvigil.home=" + Cli.project(),
                "dev.vigil.launch.Vigil", "replay", scenario.toString(), "--speed", "realtime",
                "--out", out.toString(), "--events", events.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile());
        run.environment().put("VIGIL_MODEL_CACHE", VigilDirs.fromEnvironment().cache().resolve("models").toString());
        Process p = run.start();
        try {
            // The first event is written when the agent starts, just before the first frame plays.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(events) && Files.size(events) > 0) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(Files.exists(events)).as(Files.readString(dir.resolve("run.log"))).isTrue();
            long started = System.nanoTime();
            Thread.sleep(4000);

            refused(Cli.run("replay", scenario.toString(), "--out", out.toString()),
                    "--out " + out + ": another run is writing there");
            // Written as the run goes: a run killed outright would still leave these seconds.
            for (String track : new String[] {"mic.wav", "robot.wav", "mix.wav"}) {
                assertThat(Files.size(out.resolve(track))).as(track).isGreaterThan(44 + 16000 * 2);
            }

            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            long signalled = System.nanoTime();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the replay ends").isTrue();
            System.out.printf("SIGINT %.1f s after the first event; the replay exited %.1f s later%n",
                    (signalled - started) / 1e9, (System.nanoTime() - signalled) / 1e9);
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("run.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("SIGINT").doesNotContain("Exception");

        JsonNode report = Cli.report(out.resolve("report.json"));
        assertThat(report.get("interrupted").asBoolean()).isTrue();
        assertThat(report.get("passed").asBoolean()).isFalse();
        double played = report.get("duration_s").asDouble();
        assertThat(played).as(log).isBetween(3.0, 12.0);
        // The first command was heard and judged; the second, after the cut, is not counted as missed.
        assertThat(report.get("truth_segments")).hasSize(1);
        // The page is written for the part played, and says it was cut.
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"interrupted\"")
                .contains(String.format(Locale.ROOT, "cut short at %.1f s", played));
        for (String track : new String[] {"mic.wav", "robot.wav", "mix.wav"}) {
            assertThat(Files.size(out.resolve(track))).as(track)
                    .isEqualTo(44 + Math.round(played * 16000) * 2);
        }
        String stream = Files.readString(events).strip();
        assertThat(stream).startsWith("{\"type\":\"started\"");
        assertThat(stream.substring(stream.lastIndexOf('\n') + 1)).startsWith("{\"type\":\"stopped\"")
                .contains("\"reason\":\"SIGINT\"");
    }

    private static void refused(Cli result, String start) {
        assertThat(result.exit()).as("exit code; stderr: " + result.err()).isEqualTo(Vigil.BAD_INPUT);
        String[] lines = result.err().strip().split("\n");
        assertThat(lines).as("stderr lines").hasSize(1);
        assertThat(lines[0]).startsWith("vigil: " + start).doesNotContain("Exception");
    }
}
