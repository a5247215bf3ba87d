package dev.vigil.launch.scenario;

import dev.vigil.launch.video.DisplayStyle;
import dev.vigil.launch.video.Shown;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A loaded, validated scenario. Times are seconds from the start of the scenario.
 *
 * @param name        the scenario's name (defaults to the file name)
 * @param file        where it was loaded from; relative clip paths resolve against its folder
 * @param mic         the user's audio, mixed into the microphone
 * @param background  other people's voices (a TV, a radio, people talking nearby), mixed into the
 *                    microphone like {@code mic} but not the user's speech: not part of the ground
 *                    truth, and a detection of them alone is a {@code background} detection
 * @param robot       audio the robot plays through its loudspeaker
 * @param echo        how the loudspeaker leaks back into the microphone
 * @param noise       a noise bed looped under everything
 * @param duration    explicit length, or empty for "end of the last track + 2 s"
 * @param respond     the agent answers (recognition, intents, speech); false: it only listens
 * @param asrGrammar  a JSGF grammar for recognition instead of the built-in robot grammar
 * @param expect      what must hold after the run
 * @param video       what the camera sees, if anything
 */
public record Scenario(String name, Path file, List<Clip> mic, List<Clip> background, List<Clip> robot, Echo echo, Optional<Noise> noise,
                       OptionalDouble duration, boolean respond, Optional<Path> asrGrammar, List<Expectation> expect,
                       Optional<Video> video) {

    /** A scenario without video. */
    public Scenario(String name, Path file, List<Clip> mic, List<Clip> background, List<Clip> robot, Echo echo,
                    Optional<Noise> noise, OptionalDouble duration, boolean respond, Optional<Path> asrGrammar,
                    List<Expectation> expect) {
        this(name, file, mic, background, robot, echo, noise, duration, respond, asrGrammar, expect, Optional.empty());
    }

    /**
     * One piece of audio placed on the timeline.
     *
     * @param at            seconds from the start of the scenario, or, with {@code afterPrevious}, the
     *                      pause in seconds from the end of the previous clip's speech (same list) to the
     *                      start of this one's: an utterance said in two parts
     * @param trim          the part of the source audio to play, seconds into it; empty: all of it
     * @param speech        ground-truth speech spans, seconds into the (trimmed) clip
     * @param where         the clip's place in the file, e.g. {@code mic[2]}, for messages
     */
    public record Clip(double at, boolean afterPrevious, ClipSource source, double gainDb, Optional<Interval> trim,
                       Optional<List<Interval>> speech, String where) {
    }

    /** Where a clip's samples come from. */
    public sealed interface ClipSource permits Say, AudioFile {
    }

    /** Text synthesized with flite at load time. */
    public record Say(String text, String voice) implements ClipSource {
    }

    /** A WAV file, or raw S16LE mono at {@code rawRate} when the rate is given. */
    public record AudioFile(Path path, OptionalDouble rawRate) implements ClipSource {
    }

    /** A span in seconds. */
    public record Interval(double start, double end) {
    }

    /**
     * The loudspeaker-to-microphone path of the room.
     *
     * @param delayMs  how late the direct sound reaches the microphone, ms (0–1000)
     * @param gainDb   level of the direct sound relative to what the robot played, dB; −∞: no echo
     * @param rt60Ms   reverberation time: how long the room's echo takes to fall by 60 dB, ms; 0: none
     *                 (the direct sound only)
     * @param drrDb    direct-to-reverberant ratio: the direct sound's energy over the reverberation's, dB
     * @param clipDb   level, dBFS, above which the loudspeaker clips what it plays; +∞: it never does
     * @param driftPpm how much faster the microphone's clock runs than the loudspeaker's, parts per
     *                 million: the echo arrives that much later with every second (negative: earlier)
     * @param seed     seeds the synthetic room impulse response, so a replay hears the same room
     */
    public record Echo(double delayMs, double gainDb, double rt60Ms, double drrDb, double clipDb, double driftPpm,
                       long seed) {

        /** Without {@code drr_db}: the reverberation 6 dB below the direct sound. */
        public static final double DEFAULT_DRR_DB = 6;

        /** A pure delay and gain: no reverberation, clipping or drift. */
        public Echo(double delayMs, double gainDb) {
            this(delayMs, gainDb, 0, DEFAULT_DRR_DB, Double.POSITIVE_INFINITY, 0, 1);
        }

        public static Echo none() {
            return new Echo(0, Double.NEGATIVE_INFINITY);
        }

        public boolean audible() {
            return gainDb > Double.NEGATIVE_INFINITY;
        }

        /** The same room with another direct path (for sweeps over delay and level). */
        public Echo withPath(double delayMs, double gainDb) {
            return new Echo(delayMs, gainDb, rt60Ms, drrDb, clipDb, driftPpm, seed);
        }
    }

    /** A noise recording looped under the whole scenario. */
    public record Noise(Path file, double gainDb) {
    }

    /**
     * What the camera sees ({@code video:}).
     *
     * @param at     when the video starts, seconds from the start of the scenario
     * @param source where its frames come from
     * @param truth  what a file's or a folder's frames show from when, seconds from {@code at}, sorted;
     *               empty for the generated displays, which carry their own
     * @param where  the place in the file ({@code video}), for messages
     */
    public record Video(double at, VideoSource source, List<Shown> truth, String where) {
    }

    /** Where a video's frames come from. */
    public sealed interface VideoSource permits VideoFile, VideoFrames, Elevator, Light {
    }

    /** A video file GStreamer can read. */
    public record VideoFile(Path path) implements VideoSource {
    }

    /** PNG and JPEG images of a folder, in name order, at {@code fps}. */
    public record VideoFrames(Path dir, double fps) implements VideoSource {
    }

    /** A generated elevator floor display: {@code floors} holds the floor shown from when (s from {@code at}). */
    public record Elevator(List<Shown> floors, DisplayStyle style) implements VideoSource {
    }

    /** A generated traffic light: {@code states} holds the lit lamp from when (s from {@code at}). */
    public record Light(List<Shown> states, DisplayStyle style) implements VideoSource {
    }
}
