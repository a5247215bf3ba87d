package dev.vigil.launch.scenario;

import dev.vigil.launch.scenario.Scenario.Interval;

import java.util.List;

/**
 * A scenario turned into 16 kHz sample tracks on one timeline, with its ground truth.
 *
 * @param user         what the user says, as it reaches the microphone
 * @param robot        what the scenario makes the robot play (before the echo path)
 * @param noise        the noise bed, already looped and scaled
 * @param truth        true user-speech spans, seconds from the start, sorted
 * @param robotSpeech  spans where scripted robot audio plays, seconds, sorted
 * @param robotLines   the scripted robot lines with their spans, in order (text empty for files)
 */
public record RenderedScenario(Scenario scenario, float[] user, float[] robot, float[] noise, List<Interval> truth,
                               List<Interval> robotSpeech, List<RobotLine> robotLines) {

    /** A scripted robot line as it plays. */
    public record RobotLine(Interval span, String text) {
    }

    public static final int SAMPLE_RATE = 16_000;

    public int samples() {
        return user.length;
    }

    public double durationSeconds() {
        return user.length / (double) SAMPLE_RATE;
    }
}
