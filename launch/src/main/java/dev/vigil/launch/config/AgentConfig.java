package dev.vigil.launch.config;

import dev.vigil.engines.EngineOptions;
import dev.vigil.perception.audio.frontend.FrontEndSettings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent can be told, as {@code vigil.yaml} holds it (docs/configuration.md): one
 * immutable tree of settings grouped by concern, YAML keys in snake_case, in the order below.
 *
 * <p>A file gives any subset of keys and the rest keep their defaults; {@link #withOverride} then
 * changes single keys, as {@code --set KEY=VALUE} does. Every refusal is a {@link ConfigException}
 * whose message is one line naming the source, the key path and the problem.
 *
 * @param turn        turn taking and interruption
 * @param hearing     the audio front end: echo cancellation, voice activity, echo guard
 * @param recognition speech recognition
 * @param robot       the robot's own world: the places on its map, its step length
 * @param speaking    the robot's voice
 * @param engines     how model engines are opened
 * @param microphone  the microphone device
 * @param speaker     the loudspeaker device
 * @param camera      the camera device, if any
 * @param vision      the vision engines and how often they look
 * @param watches     how watches judge frames, and standing ones made at start
 * @param ros         the agent as a ROS 2 node
 * @param events      where events go
 * @param console     the live web console
 * @param out         folder for recordings and the report; null (default) for none. In a file, a
 *                    relative path is relative to that file's folder.
 */
public record AgentConfig(TurnSettings turn, HearingSettings hearing, RecognitionSettings recognition,
                          RobotSettings robot, SpeakingSettings speaking, EngineSettings engines, MicrophoneSettings microphone,
                          SpeakerSettings speaker, CameraSettings camera, VisionConfig vision, WatchConfig watches,
                          RosSettings ros, EventSettings events, ConsoleSettings console, String out) {

    /** @throws NullPointerException a missing section; @throws IllegalArgumentException an empty {@code out} */
    public AgentConfig {
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(hearing, "hearing");
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(robot, "robot");
        Objects.requireNonNull(speaking, "speaking");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(microphone, "microphone");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(watches, "watches");
        Objects.requireNonNull(ros, "ros");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(console, "console");
        SettingException.optionalText(out, "out");
    }

    /** Every section's defaults; what an empty file gives. */
    public static AgentConfig defaults() {
        return new AgentConfig(TurnSettings.defaults(), HearingSettings.defaults(), RecognitionSettings.defaults(),
                RobotSettings.defaults(), SpeakingSettings.defaults(), EngineSettings.defaults(), MicrophoneSettings.defaults(),
                SpeakerSettings.defaults(), CameraSettings.defaults(), VisionConfig.defaults(), WatchConfig.defaults(),
                RosSettings.defaults(), EventSettings.defaults(), ConsoleSettings.defaults(), null);
    }

    /**
     * Reads a configuration file over the defaults. An empty file (or one of comments only) gives
     * the defaults. Relative paths in it ({@code recognition.grammar}, {@code events.file},
     * {@code out}) are taken relative to the file's folder.
     *
     * @throws ConfigException the file is missing, a directory, unreadable, not YAML, not a mapping,
     *                         or has an unknown key, a value of the wrong type or out of range
     */
    public static AgentConfig load(Path file) throws ConfigException {
        return ConfigYaml.load(file);
    }

    /**
     * Reads configuration text over the defaults; relative paths stay relative to the working folder.
     *
     * @param sourceName what error messages call the text, e.g. a file name
     * @throws ConfigException as for {@link #load}
     */
    public static AgentConfig parse(String yaml, String sourceName) throws ConfigException {
        return ConfigYaml.parse(yaml, sourceName, null);
    }

    /**
     * This configuration with one key changed, as {@code --set KEY=VALUE} does.
     *
     * @param dottedKey a key path such as {@code hearing.aec.enabled}; a section path
     *                  ({@code hearing.vad}) takes a mapping and changes only the keys it gives
     * @param value     a YAML scalar or flow value: {@code false}, {@code 0.6}, {@code [uh, um]},
     *                  {@code {start_threshold: 0.6}}; empty means null. Text that YAML would read
     *                  otherwise ({@code -}, {@code no}, {@code 1.0}) needs quotes.
     * @throws ConfigException one line, with source {@code --set}, as for a file
     */
    public AgentConfig withOverride(String dottedKey, String value) throws ConfigException {
        return ConfigYaml.override(this, dottedKey, ConfigYaml.value(value, dottedKey, "--set"), "--set");
    }

    /**
     * This configuration with one text key set to {@code text} literally, not read as YAML: for
     * flags whose values are free text, such as {@code --mic 'pulsesrc device=mic'} or
     * {@code --events -}.
     *
     * @param sourceName what an error message calls the origin, e.g. {@code --mic}
     * @throws ConfigException an unknown key, a key that does not take text, a refused value
     */
    public AgentConfig withText(String dottedKey, String text, String sourceName) throws ConfigException {
        return ConfigYaml.override(this, dottedKey, ConfigYaml.text(text), sourceName);
    }

    /**
     * The whole configuration as YAML: every key, in the documented order, nulls included, so that
     * {@code parse(toYaml(), …)} gives back an equal configuration.
     */
    public String toYaml() {
        return ConfigYaml.write(this);
    }

    /** The {@code hearing} settings as the audio front end takes them. */
    public FrontEndSettings frontEnd() {
        return hearing.frontEnd();
    }

    /** The {@code engines} settings as the engines take them. */
    public EngineOptions engineOptions() {
        return engines.options();
    }

    /** The folder for recordings and the report, if one is set. */
    public Optional<Path> outDir() {
        return Optional.ofNullable(out).map(Path::of);
    }
}
