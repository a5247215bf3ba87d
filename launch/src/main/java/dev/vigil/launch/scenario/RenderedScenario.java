package dev.vigil.launch.scenario;

import dev.vigil.launch.scenario.Scenario.Interval;

import dev.vigil.launch.video.Shown;
import dev.vigil.launch.video.Video;

import java.util.List;
import java.util.Optional;

/**
 * A scenario turned into 16 kHz sample tracks on one timeline, with its ground truth.
 *
 * @param user         what the user says, as it reaches the microphone
 * @param noise        the noise bed, already looped and scaled
 * @param truth        true user-speech spans, seconds from the start, sorted
 * @param background   speech spans of the background voices ({@code background:}), sorted
 * @param robotLines   the scripted robot lines, in order of their start (text empty for files)
 * @param video        what the camera sees ({@code video:}), read lazily: {@link Video#open} gives its
 *                     frames one at a time, each stamped with its scenario time
 * @param repairs      one line for each input the renderer had to mend to use (non-finite samples
 *                     replaced with silence), naming the file and key; empty when none was
 */
public record RenderedScenario(Scenario scenario, float[] user, float[] noise, List<Interval> truth,
                               List<Interval> background, List<RobotLine> robotLines, Optional<Video> video,
                               List<String> repairs) {

    /** A scenario whose inputs needed no repair. */
    public RenderedScenario(Scenario scenario, float[] user, float[] noise, List<Interval> truth,
                            List<Interval> background, List<RobotLine> robotLines, Optional<Video> video) {
        this(scenario, user, noise, truth, background, robotLines, video, List.of());
    }

    /** A scenario without video. */
    public RenderedScenario(Scenario scenario, float[] user, float[] noise, List<Interval> truth,
                            List<Interval> background, List<RobotLine> robotLines) {
        this(scenario, user, noise, truth, background, robotLines, Optional.empty());
    }

    /** What the video shows from when, on the scenario's timeline, sorted; empty without video. */
    public List<Shown> videoTruth() {
        return video.map(Video::truth).orElse(List.of());
    }

    /**
     * A scripted robot line: its clip at 16 kHz, when it is due, and where its speech lies.
     *
     * @param span speech span on the scenario timeline, seconds (as scripted; the loudspeaker may
     *             delay it if the robot is already talking)
     */
    public record RobotLine(String id, double at, float[] samples, Interval span, String text) {
    }

    public static final int SAMPLE_RATE = 16_000;

    public int samples() {
        return user.length;
    }

    public double durationSeconds() {
        return user.length / (double) SAMPLE_RATE;
    }
}
