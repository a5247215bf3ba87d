package dev.vigil.launch.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engines.yaml.InvalidValue;
import dev.vigil.engines.yaml.StrictYaml;
import dev.vigil.engines.yaml.YamlValues;
import dev.vigil.launch.scenario.Scenario.AudioFile;
import dev.vigil.launch.scenario.Scenario.Clip;
import dev.vigil.launch.scenario.Scenario.ClipSource;
import dev.vigil.launch.scenario.Scenario.Echo;
import dev.vigil.launch.scenario.Scenario.Interval;
import dev.vigil.launch.scenario.Scenario.Noise;
import dev.vigil.launch.scenario.Scenario.Say;
import dev.vigil.launch.scenario.Scenario.Video;
import dev.vigil.launch.scenario.Scenario.VideoFrames;
import dev.vigil.launch.scenario.Scenario.VideoSource;
import dev.vigil.launch.video.DisplayStyle;
import dev.vigil.launch.video.FrameFolder;
import dev.vigil.launch.video.Shown;
import dev.vigil.launch.video.TrafficLight;
import dev.vigil.launch.video.VideoException;
import dev.vigil.speech.asr.AsrGrammar;
import dev.vigil.speech.tts.engine.FliteSynthesizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** Reads a scenario file and checks every key, type and referenced file before anything runs. */
public final class ScenarioLoader {

    public static final Set<String> FLITE_VOICES = Set.of("slt", "rms", "awb", "kal16", "kal");

    // The limits below are documented in docs/scenarios.md ("Limits"). Each is far beyond any real
    // scenario and keeps what a replay allocates bounded: every track is held in memory, 64 KB a
    // second, so an unbounded time (duration: 100000, at: 1e12) ran out of heap or overflowed an int.
    /** Longest scenario, and latest time anywhere in one (at, after, spans, video times), seconds: an hour. */
    public static final double MAX_SECONDS = 3600;
    /** Lowest sample rate of a raw file, Hz: below it a "rate" is a typo (0.4, 1) that turns bytes into hours. */
    public static final int MIN_RAW_RATE = 1000;
    /** Highest sample rate of a raw file, Hz: the WAV reader's limit. */
    public static final int MAX_RAW_RATE = dev.vigil.agent.audio.WavFile.MAX_SAMPLE_RATE;
    /** Longest {@code say:} text in characters, well below flite's own limit (20 000 speakable) and about 6 minutes of speech. */
    public static final int MAX_SAY_CHARS = 5000;
    /** Quietest clip or noise gain, dB: below it nothing is left to hear. */
    public static final double MIN_GAIN_DB = -100;
    /** Loudest clip or noise gain, dB: a 16-bit recording at its quietest reaches full scale. */
    public static final double MAX_GAIN_DB = 40;

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "mic", "background", "robot", "echo", "noise",
            "duration", "respond", "asr", "expect", "video");
    private static final Set<String> ASR_KEYS = Set.of("grammar");
    private static final Set<String> CLIP_KEYS = Set.of("at", "after", "say", "voice", "file", "rate", "trim", "speech",
            "gain_db");
    private static final Set<String> ECHO_KEYS = Set.of("delay_ms", "gain_db", "rt60_ms", "drr_db", "clip_db",
            "drift_ppm", "seed");
    private static final Set<String> NOISE_KEYS = Set.of("file", "gain_db");
    private static final List<String> VIDEO_KINDS = List.of("file", "frames", "elevator", "light");
    private static final Set<String> VIDEO_KEYS = Set.of("at", "file", "frames", "elevator", "light", "truth");
    private static final Set<String> FRAMES_KEYS = Set.of("dir", "fps");
    private static final Set<String> STYLE_KEYS = Set.of("font", "size", "foreground", "background", "width", "height", "fps");

    /** The mapper every Vigil YAML input is read with: YAML 1.2 booleans, duplicate keys refused. */
    private static final ObjectMapper YAML = StrictYaml.mapper().build();

    /** The rule every time in a scenario keeps, as refusals word it. */
    private static final String AN_HOUR = "at most " + (int) MAX_SECONDS + " s (an hour)";

    private final Path file;
    /** The scenario's folder, which relative file names are resolved against. */
    private final Path folder;

    private ScenarioLoader(Path file) {
        this.file = file;
        this.folder = file.toAbsolutePath().getParent();
    }

    /**
     * The scenario in {@code file}, every key, type, limit and referenced file checked.
     *
     * @throws ScenarioException one line: the file, the key path ({@code mic[0].at}) or line, the problem
     */
    public static Scenario load(Path file) throws ScenarioException {
        try {
            return new ScenarioLoader(file).read();
        } catch (InvalidValue e) {
            // The shared readers (YamlValues) name the full key path; only the file is added here.
            throw new ScenarioException(file, e.key(), e.problem());
        }
    }

    private Scenario read() throws ScenarioException {
        JsonNode root = parse();
        YamlValues.keys(root, "", TOP_KEYS);
        String name = root.has("name") ? YamlValues.text(root.get("name"), "name") : baseName(file);
        List<Clip> mic = clips(root.get("mic"), "mic", true);
        List<Clip> background = clips(root.get("background"), "background", true);
        List<Clip> robot = clips(root.get("robot"), "robot", false);
        Optional<Video> video = root.has("video") ? Optional.of(video(root.get("video"))) : Optional.empty();
        if (mic.isEmpty() && robot.isEmpty() && video.isEmpty()) {
            throw new ScenarioException(file, "", "nothing to play: give at least one 'mic' or 'robot' entry, or a 'video'");
        }
        Echo echo = root.has("echo") ? echo(root.get("echo")) : Echo.none();
        Optional<Noise> noise = root.has("noise") ? Optional.of(noise(root.get("noise"))) : Optional.empty();
        OptionalDouble duration = OptionalDouble.empty();
        if (root.has("duration")) {
            double seconds = YamlValues.positive(root.get("duration"), "duration");
            YamlValues.require(seconds <= MAX_SECONDS, root.get("duration"), "duration", AN_HOUR);
            duration = OptionalDouble.of(seconds);
        }
        boolean respond = !root.has("respond") || YamlValues.flag(root.get("respond"), "respond");
        Optional<Path> grammar = Optional.empty();
        if (root.has("asr")) {
            JsonNode asr = root.get("asr");
            YamlValues.mapping(asr, "asr", "like {grammar: commands.gram}");
            YamlValues.keys(asr, "asr", ASR_KEYS);
            if (asr.has("grammar")) {
                Path gram = YamlValues.existingFile(asr.get("grammar"), "asr.grammar", folder);
                try {
                    AsrGrammar.check(gram);
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(file, "asr.grammar", e.getMessage());
                }
                grammar = Optional.of(gram);
            }
        }
        List<Expectation> expect = root.has("expect") ? ExpectationParser.parse(file, root.get("expect")) : List.of();
        return new Scenario(name, file, mic, background, robot, echo, noise, duration, respond, grammar, expect, video);
    }

    private JsonNode parse() throws ScenarioException {
        JsonNode root;
        try {
            String text = StrictYaml.readFile(file, "scenario file");
            if (text.isBlank()) {
                throw new ScenarioException(file, "", "empty scenario file");
            }
            root = StrictYaml.read(YAML, text);
        } catch (StrictYaml.Refused e) {
            throw new ScenarioException(file, e.problem().where(), e.problem().problem());
        }
        if (!root.isObject()) {
            throw new ScenarioException(file, "", "a scenario must be a mapping of keys (name, mic, robot, …)");
        }
        return root;
    }

    /** @param user a voice in the room (mic, background), which may be given its speech spans */
    private List<Clip> clips(JsonNode node, String path, boolean user) throws ScenarioException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        YamlValues.list(node, path, "of entries with 'at' and 'say' or 'file'");
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            clips.add(clip(node.get(i), path + "[" + i + "]", i, user));
        }
        return List.copyOf(clips);
    }

    private Clip clip(JsonNode node, String path, int index, boolean user) throws ScenarioException {
        YamlValues.mapping(node, path, "with 'at' and 'say' or 'file'");
        YamlValues.keys(node, path, CLIP_KEYS);
        if (node.has("at") == node.has("after")) {
            throw new ScenarioException(file, path, node.has("at")
                    ? "give one of 'at' and 'after', not both"
                    : "missing 'at' (seconds from the start) or 'after' (a pause after the previous clip, seconds)");
        }
        boolean afterPrevious = node.has("after");
        if (afterPrevious && index == 0) {
            throw new ScenarioException(file, path + ".after", "the first clip has no previous clip to follow: use 'at'");
        }
        double at = afterPrevious ? seconds(node.get("after"), path + ".after") : seconds(node.get("at"), path + ".at");
        boolean say = node.has("say");
        boolean audioFile = node.has("file");
        if (say == audioFile) {
            throw new ScenarioException(file, path, "give exactly one of 'say' (text) or 'file' (audio)");
        }
        ClipSource source;
        if (say) {
            if (node.has("rate")) {
                throw new ScenarioException(file, path + ".rate", "'rate' goes with 'file' (raw audio), not 'say'");
            }
            String voice = node.has("voice") ? YamlValues.text(node.get("voice"), path + ".voice") : "slt";
            if (!FLITE_VOICES.contains(voice)) {
                throw new ScenarioException(file, path + ".voice",
                        "unknown flite voice '" + voice + "' (use one of " + new TreeSet<>(FLITE_VOICES) + ")");
            }
            String text = YamlValues.text(node.get("say"), path + ".say");
            if (text.isBlank()) {
                throw new ScenarioException(file, path + ".say", "empty text");
            }
            if (text.length() > MAX_SAY_CHARS) {
                throw new ScenarioException(file, path + ".say", "text of " + text.length() + " characters, at most "
                        + MAX_SAY_CHARS + ": split it into several clips");
            }
            // flite reads English: text with nothing speakable (punctuation, emoji, Chinese) came out as
            // silence, a robot line played without a word and a mic line refused only after synthesis.
            if (FliteSynthesizer.speakableText(text).isEmpty()) {
                throw new ScenarioException(file, path + ".say", "nothing flite can say in " + YamlValues.quote(node.get("say"))
                        + ": it reads Latin letters and digits (punctuation, emoji and other scripts are silent)");
            }
            source = new Say(text, voice);
        } else {
            if (node.has("voice")) {
                throw new ScenarioException(file, path + ".voice", "'voice' goes with 'say', not 'file'");
            }
            Path clip = YamlValues.existingFile(node.get("file"), path + ".file", folder);
            OptionalDouble rate = OptionalDouble.empty();
            if (node.has("rate")) {
                int hz = YamlValues.whole(node.get("rate"), path + ".rate", MIN_RAW_RATE, MAX_RAW_RATE);
                rate = OptionalDouble.of(hz);
                rawLength(clip, hz, path + ".file");
            }
            source = new AudioFile(clip, rate);
        }
        double gain = node.has("gain_db") ? gain(node.get("gain_db"), path + ".gain_db") : 0;
        Optional<Interval> trim = node.has("trim") ? Optional.of(interval(node.get("trim"), path + ".trim")) : Optional.empty();
        Optional<List<Interval>> speech = Optional.empty();
        if (node.has("speech")) {
            if (!user) {
                throw new ScenarioException(file, path + ".speech", "ground-truth 'speech' applies to 'mic' and 'background' entries");
            }
            speech = Optional.of(intervals(node.get("speech"), path + ".speech"));
        }
        return new Clip(at, afterPrevious, source, gain, trim, speech, path);
    }

    private List<Interval> intervals(JsonNode node, String path) throws ScenarioException {
        YamlValues.list(node, path, "of [start, end] pairs in seconds");
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            intervals.add(interval(node.get(i), path + "[" + i + "]"));
        }
        return List.copyOf(intervals);
    }

    private Interval interval(JsonNode pair, String where) throws ScenarioException {
        YamlValues.pair(pair, where, "[start, end]");
        double start = seconds(pair.get(0), where + "[0]");
        double end = seconds(pair.get(1), where + "[1]");
        if (end <= start) {
            throw new ScenarioException(file, where, "end (" + end + ") must come after start (" + start + ")");
        }
        return new Interval(start, end);
    }

    private Echo echo(JsonNode node) {
        YamlValues.mapping(node, "echo", "like {delay_ms: 40, gain_db: -6}");
        YamlValues.keys(node, "echo", ECHO_KEYS);
        // Arguments are read left to right: the first bad key in this order is the one reported.
        return new Echo(
                echoRange(node, "delay_ms", 0, 1000, "ms", 0),
                echoRange(node, "gain_db", (int) MIN_GAIN_DB, 20, "dB", 0),
                echoRange(node, "rt60_ms", 0, 2000, "ms", 0),
                echoRange(node, "drr_db", -20, 40, "dB", Echo.DEFAULT_DRR_DB),
                echoRange(node, "clip_db", -40, 0, "dBFS", Double.POSITIVE_INFINITY),
                echoRange(node, "drift_ppm", -1000, 1000, "ppm", 0),
                node.has("seed") ? YamlValues.whole(node.get("seed"), "echo.seed", 0, Long.MAX_VALUE,
                        "must be a whole number ≥ 0") : 1);
    }

    /** {@code echo.<key>}, from {@code min} to {@code max} {@code unit}, or {@code absent} when not given. */
    private static double echoRange(JsonNode echo, String key, int min, int max, String unit, double absent) {
        return echo.has(key) ? YamlValues.number(echo.get(key), "echo." + key, min, max,
                "must be " + min + ".." + max + " " + unit) : absent;
    }

    private Noise noise(JsonNode node) throws ScenarioException {
        YamlValues.mapping(node, "noise", "like {file: fan.wav, gain_db: -20}");
        YamlValues.keys(node, "noise", NOISE_KEYS);
        if (!node.has("file")) {
            throw new ScenarioException(file, "noise", "missing 'file'");
        }
        return new Noise(YamlValues.existingFile(node.get("file"), "noise.file", folder),
                node.has("gain_db") ? gain(node.get("gain_db"), "noise.gain_db") : 0);
    }

    private Video video(JsonNode node) throws ScenarioException {
        YamlValues.mapping(node, "video", "with one of 'file', 'frames', 'elevator' or 'light'");
        YamlValues.keys(node, "video", VIDEO_KEYS);
        List<String> kinds = VIDEO_KINDS.stream().filter(node::has).toList();
        if (kinds.size() != 1) {
            throw new ScenarioException(file, "video", "give exactly one of 'file', 'frames', 'elevator' or 'light'"
                    + (kinds.isEmpty() ? "" : " (got " + String.join(", ", kinds) + ")"));
        }
        String kind = kinds.get(0);
        double at = node.has("at") ? seconds(node.get("at"), "video.at") : 0;
        boolean generated = kind.equals("elevator") || kind.equals("light");
        if (generated && node.has("truth")) {
            throw new ScenarioException(file, "video.truth", "'truth' goes with 'file' and 'frames': a generated "
                    + kind + " knows what it shows");
        }
        List<Shown> truth = node.has("truth") ? timeline(node.get("truth"), "video.truth", "[t_s, \"what is shown\"]",
                this::shownText) : List.of();
        String path = "video." + kind;
        JsonNode spec = node.get(kind);
        VideoSource source = switch (kind) {
            case "file" -> new Scenario.VideoFile(YamlValues.existingFile(spec, path, folder));
            case "frames" -> frames(spec, path);
            case "elevator" -> {
                YamlValues.mapping(spec, path, "like {floors: [[0, 1], [4.5, 2]]}");
                YamlValues.keys(spec, path, with(STYLE_KEYS, "floors"));
                if (!spec.has("floors")) {
                    throw new ScenarioException(file, path, "missing 'floors': [[t_s, floor], …], the floor shown from when");
                }
                yield new Scenario.Elevator(timeline(spec.get("floors"), path + ".floors", "[t_s, floor]", this::floor),
                        style(spec, path, DisplayStyle.defaults()));
            }
            default -> {
                YamlValues.mapping(spec, path, "like {states: [[0, red], [5, green]]}");
                YamlValues.keys(spec, path, with(STYLE_KEYS, "states"));
                if (!spec.has("states")) {
                    throw new ScenarioException(file, path, "missing 'states': [[t_s, red|amber|green|off], …], the lit lamp from when");
                }
                DisplayStyle light = DisplayStyle.defaults();
                light = new DisplayStyle(light.font(), light.size(), TrafficLight.HOUSING, light.background(), light.width(),
                        light.height(), light.fps());
                yield new Scenario.Light(timeline(spec.get("states"), path + ".states", "[t_s, red|amber|green|off]",
                        this::lamp), style(spec, path, light));
            }
        };
        return new Video(at, source, truth, "video");
    }

    private VideoFrames frames(JsonNode spec, String path) throws ScenarioException {
        YamlValues.mapping(spec, path, "like {dir: frames, fps: 10}");
        YamlValues.keys(spec, path, FRAMES_KEYS);
        if (!spec.has("dir")) {
            throw new ScenarioException(file, path, "missing 'dir': the folder of PNG or JPEG images");
        }
        String name = YamlValues.text(spec.get("dir"), path + ".dir");
        Path dir = folder.resolve(name).normalize();
        if (!Files.isDirectory(dir)) {
            throw new ScenarioException(file, path + ".dir", name + ": no such folder (looked for " + dir + ")");
        }
        try {
            FrameFolder.images(dir);
        } catch (VideoException e) {
            throw new ScenarioException(file, path + ".dir", name + ": " + e.problem());
        }
        double fps = spec.has("fps") ? YamlValues.positive(spec.get("fps"), path + ".fps") : DisplayStyle.DEFAULT_FPS;
        return new VideoFrames(dir, fps);
    }

    private static Set<String> with(Set<String> keys, String key) {
        Set<String> all = new java.util.HashSet<>(keys);
        all.add(key);
        return all;
    }

    /** Reads the text of one timeline entry; the path names the entry's value. */
    @FunctionalInterface
    private interface EntryText {
        String read(JsonNode value, String path) throws ScenarioException;
    }

    /** A list of [t_s, value] pairs, times ≥ 0 and in increasing order. */
    private List<Shown> timeline(JsonNode node, String path, String shape, EntryText text) throws ScenarioException {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ScenarioException(file, path, "must be a non-empty list of " + shape + " pairs");
        }
        List<Shown> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String where = path + "[" + i + "]";
            JsonNode pair = node.get(i);
            YamlValues.pair(pair, where, shape);
            double t = seconds(pair.get(0), where + "[0]");
            if (!entries.isEmpty() && t <= entries.get(entries.size() - 1).atS()) {
                throw new ScenarioException(file, where + "[0]", "time " + t + " s does not come after the previous entry's ("
                        + entries.get(entries.size() - 1).atS() + " s): list entries in time order");
            }
            entries.add(new Shown(t, text.read(pair.get(1), where + "[1]")));
        }
        return List.copyOf(entries);
    }

    private String shownText(JsonNode node, String path) throws ScenarioException {
        String text = YamlValues.text(node, path);
        if (text.isBlank()) {
            throw new ScenarioException(file, path, "empty text: say what is shown");
        }
        return text;
    }

    private String floor(JsonNode node, String path) throws ScenarioException {
        if (node != null && node.isNumber()) {
            if (!node.canConvertToLong() || node.asDouble() != Math.rint(node.asDouble())) {
                throw new ScenarioException(file, path, "a floor is a whole number or short text (\"G\", \"B1\"), was " + node);
            }
            return Long.toString(node.asLong());
        }
        String floor = YamlValues.text(node, path).strip();
        if (floor.isEmpty() || floor.length() > 4) {
            throw new ScenarioException(file, path, "a floor is a whole number or text of 1 to 4 characters, was " + YamlValues.quote(node));
        }
        return floor;
    }

    private String lamp(JsonNode node, String path) throws ScenarioException {
        // Read as YAML 1.2 (StrictYaml): a bare off is the text "off", not false.
        String state = YamlValues.text(node, path);
        if (!TrafficLight.STATES.contains(state)) {
            throw new ScenarioException(file, path, "unknown light state " + YamlValues.quote(node) + " (use one of "
                    + String.join(", ", new TreeSet<>(TrafficLight.STATES)) + ")");
        }
        return state;
    }

    private DisplayStyle style(JsonNode spec, String path, DisplayStyle defaults) throws ScenarioException {
        String font = defaults.font();
        if (spec.has("font")) {
            font = YamlValues.text(spec.get("font"), path + ".font");
            if (!java.util.Arrays.asList(java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames()).contains(font) && !java.util.Set.of("Monospaced", "SansSerif", "Serif",
                    "Dialog", "DialogInput").contains(font)) {
                throw new ScenarioException(file, path + ".font", "no font family '" + font
                        + "' on this machine (fc-list : family lists them; Monospaced, SansSerif and Serif always work)");
            }
        }
        int size = spec.has("size") ? YamlValues.whole(spec.get("size"), path + ".size", 1, 4096) : defaults.size();
        int foreground = spec.has("foreground") ? colour(spec.get("foreground"), path + ".foreground") : defaults.foreground();
        int background = spec.has("background") ? colour(spec.get("background"), path + ".background") : defaults.background();
        int width = spec.has("width") ? YamlValues.whole(spec.get("width"), path + ".width", 16, 4096) : defaults.width();
        int height = spec.has("height") ? YamlValues.whole(spec.get("height"), path + ".height", 16, 4096) : defaults.height();
        double fps = defaults.fps();
        if (spec.has("fps")) {
            fps = YamlValues.positive(spec.get("fps"), path + ".fps");
            YamlValues.require(fps <= 120, spec.get("fps"), path + ".fps", "at most 120 frames per second");
        }
        return new DisplayStyle(font, size, foreground, background, width, height, fps);
    }

    private int colour(JsonNode node, String path) throws ScenarioException {
        String text = YamlValues.text(node, path);
        return DisplayStyle.colour(text).orElseThrow(() -> new ScenarioException(file, path, "unknown colour '" + text
                + "' (give #RRGGBB or one of " + String.join(", ", new TreeSet<>(DisplayStyle.COLOURS.keySet())) + ")"));
    }

    /** A raw clip's length from its size, refused when past {@link #MAX_SECONDS} before a byte is read. */
    private void rawLength(Path clip, int rate, String path) throws ScenarioException {
        long bytes;
        try {
            bytes = Files.size(clip);
        } catch (IOException e) {
            throw new ScenarioException(file, path, clip.getFileName() + ": cannot read: " + e.getMessage());
        }
        double seconds = bytes / 2.0 / rate;
        if (seconds > MAX_SECONDS) {
            throw new ScenarioException(file, path, String.format(java.util.Locale.ROOT,
                    "%s: %.0f s of audio at %d Hz, at most %d s (is the rate right?)", clip.getFileName(), seconds, rate,
                    (int) MAX_SECONDS));
        }
    }

    /** A time in a scenario: seconds from 0 to {@link #MAX_SECONDS}. */
    private static double seconds(JsonNode node, String path) {
        double value = YamlValues.number(node, path, 0, Double.MAX_VALUE, "must not be negative");
        YamlValues.require(value <= MAX_SECONDS, node, path, AN_HOUR);
        return value;
    }

    /** A clip's or the noise's gain, {@link #MIN_GAIN_DB} to {@link #MAX_GAIN_DB}. */
    private static double gain(JsonNode node, String path) {
        return YamlValues.number(node, path, MIN_GAIN_DB, MAX_GAIN_DB,
                "must be " + (int) MIN_GAIN_DB + ".." + (int) MAX_GAIN_DB + " dB");
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
