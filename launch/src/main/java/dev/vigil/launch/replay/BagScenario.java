package dev.vigil.launch.replay;

import dev.vigil.ros.audio.PcmFormat;
import dev.vigil.ros.bag.BagMicrophone;
import dev.vigil.ros.transport.InputProblems;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A rosbag2 bag (MCAP) as a scenario: its microphone topic becomes the user's track, from the first
 * chunk, with no echo path and no expectations; the agent hears it on the scenario clock like any
 * scenario ({@code ./vigil replay bag.mcap}). Other topics (images) are not replayed yet.
 */
public final class BagScenario {

    private BagScenario() {
    }

    /** What was read from the bag, for a line on the console. */
    public record Written(Path scenario, BagMicrophone.Track track, java.util.Map<String, Long> problems) {

        public String describe(String audioTopic) {
            return String.format(Locale.ROOT, "%s: %d chunks, %.1f s at %d Hz%s%s", audioTopic, track.chunks(),
                    track.durationSeconds(), track.sampleRate(),
                    track.holesMillis() > 0 ? ", " + track.holesMillis() + " ms never delivered (silence)" : "",
                    problems.isEmpty() ? "" : ", dropped " + problems);
        }
    }

    /**
     * Writes the bag's microphone as a raw track and a scenario file that plays it, into {@code dir}.
     *
     * @throws IOException the bag is not valid MCAP, has no audio on {@code audioTopic}, or cannot be
     *                     read; or {@code dir} cannot be written (one line)
     */
    public static Written write(Path bag, String audioTopic, String infoTopic, Path dir) throws IOException {
        InputProblems problems = new InputProblems(bag + " " + audioTopic, (kind, line) -> { });
        BagMicrophone.Track track = BagMicrophone.read(bag, audioTopic, infoTopic, PcmFormat.CAPTURE_NODE_DEFAULT, -1,
                problems);
        Files.createDirectories(dir);
        Path raw = dir.resolve("microphone.raw");
        ByteBuffer bytes = ByteBuffer.allocate(track.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(track.samples());
        Files.write(raw, bytes.array());
        String name = bag.getFileName().toString().replaceAll("\\.mcap$", "");
        Path scenario = dir.resolve(name + ".yaml");
        Files.writeString(scenario, String.join("\n",
                "# The microphone of " + bag.toAbsolutePath() + " (" + audioTopic + "), as a scenario.",
                "name: " + json(name),
                "mic:",
                "  - {at: 0, file: " + json(raw.toAbsolutePath().toString()) + ", rate: " + track.sampleRate() + "}",
                ""));
        return new Written(scenario, track, problems.counts());
    }

    /** A YAML scalar that stays the text it is (JSON's quoting is YAML's). */
    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
