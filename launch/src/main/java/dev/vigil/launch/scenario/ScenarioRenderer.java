package dev.vigil.launch.scenario;

import dev.vigil.agent.audio.AudioFormatException;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.launch.scenario.Scenario.AudioFile;
import dev.vigil.launch.scenario.Scenario.Clip;
import dev.vigil.launch.scenario.Scenario.Interval;
import dev.vigil.launch.scenario.Scenario.Say;
import dev.vigil.agent.audio.Resampler;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import dev.vigil.speech.tts.engine.SynthesizedAudio;
import dev.vigil.launch.video.ElevatorDisplay;
import dev.vigil.launch.video.FrameFolder;
import dev.vigil.launch.video.Shown;
import dev.vigil.launch.video.TrafficLight;
import dev.vigil.launch.video.Video;
import dev.vigil.launch.video.VideoException;
import dev.vigil.launch.video.VideoFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * Renders a scenario's clips to 16 kHz tracks: synthesizes {@code say:} lines with flite, decodes and
 * resamples {@code file:} clips, applies gains, loops the noise, and derives the ground truth.
 */
public final class ScenarioRenderer {

    private static final int RATE = RenderedScenario.SAMPLE_RATE;
    /** Silence after the last clip when the scenario gives no duration: room for the last decisions. */
    private static final double TAIL_SECONDS = 2.0;

    private final FliteSynthesizer flite;
    private final Map<Say, float[]> spoken = new HashMap<>();
    /** Inputs mended while rendering the current scenario (see {@link RenderedScenario#repairs()}). */
    private final List<String> repairs = new ArrayList<>();

    public ScenarioRenderer(FliteSynthesizer flite) {
        this.flite = flite;
    }

    public RenderedScenario render(Scenario scenario) throws ScenarioException {
        repairs.clear();
        List<Placed> user = placeAll(scenario, scenario.mic(), true);
        List<Placed> others = placeAll(scenario, scenario.background(), true);
        List<Placed> robot = placeAll(scenario, scenario.robot(), false);
        // Everyone's voice reaches the microphone alike; only the truth tells the user's apart.
        List<Placed> voices = new ArrayList<>(user);
        voices.addAll(others);
        double lastEnd = 0;
        for (Placed p : voices) {
            lastEnd = Math.max(lastEnd, p.end());
        }
        for (Placed p : robot) {
            lastEnd = Math.max(lastEnd, p.end() + Math.max(0, scenario.echo().delayMs()) / 1000);
        }
        VideoFile probed = null;
        if (scenario.video().isPresent()) {
            Scenario.Video video = scenario.video().get();
            if (video.source() instanceof Scenario.VideoFile file) {
                // Read now: a file GStreamer cannot decode is refused before the run, and its length counts.
                probed = probe(scenario, video, file);
            }
            lastEnd = Math.max(lastEnd, videoEnd(video, probed));
        }
        double duration = scenario.duration().orElse(lastEnd + TAIL_SECONDS);
        if (duration > ScenarioLoader.MAX_SECONDS + TAIL_SECONDS) {
            // Every time was bounded at load, but clips placed 'after' one another, and long files,
            // add up: refused before the tracks (64 KB a second each) are allocated.
            String last = "";
            for (List<Placed> list : List.of(voices, robot)) {
                for (Placed p : list) {
                    if (p.end() > ScenarioLoader.MAX_SECONDS) {
                        last = p.clip().where();
                    }
                }
            }
            throw new ScenarioException(scenario.file(), last, String.format(java.util.Locale.ROOT,
                    "ends at %.0f s, past the %d s a scenario may last: shorten it or split the scenario", lastEnd,
                    (int) ScenarioLoader.MAX_SECONDS));
        }
        int length = (int) Math.round(duration * RATE);
        float[] userTrack = mix(voices, length);
        float[] noiseTrack = new float[length];
        if (scenario.noise().isPresent()) {
            var noise = scenario.noise().get();
            float[] loop = scale(decode(scenario, noise.file(), java.util.OptionalDouble.empty(), "noise.file"), noise.gainDb());
            finite(loop, scenario, "noise.file", noise.file());
            if (loop.length > 0) {
                for (int i = 0; i < length; i++) {
                    noiseTrack[i] = loop[i % loop.length];
                }
            }
        }
        List<Interval> truth = speechOf(user, duration);
        List<Interval> background = speechOf(others, duration);
        List<RenderedScenario.RobotLine> lines = new ArrayList<>();
        for (Placed p : robot) {
            String text = p.clip().source() instanceof Say say ? say.text() : "";
            double at = p.start();
            Interval span = p.speech().isEmpty() ? new Interval(at, p.end())
                    : new Interval(at + p.speech().get(0).start(), at + p.speech().get(p.speech().size() - 1).end());
            lines.add(new RenderedScenario.RobotLine("scripted-" + (lines.size() + 1), at, p.samples(), span, text));
        }
        lines.sort(Comparator.comparingDouble(RenderedScenario.RobotLine::at));
        Optional<Video> video = scenario.video().isEmpty() ? Optional.empty()
                : Optional.of(video(scenario, scenario.video().get(), probed, duration));
        return new RenderedScenario(scenario, userTrack, noiseTrack, truth, background, List.copyOf(lines), video,
                List.copyOf(repairs));
    }

    private static VideoFile probe(Scenario scenario, Scenario.Video video, Scenario.VideoFile file) throws ScenarioException {
        try {
            return VideoFile.of(file.path(), video.at(), Double.POSITIVE_INFINITY, onTimeline(video));
        } catch (VideoException e) {
            throw new ScenarioException(scenario.file(), video.where() + ".file", e.getMessage());
        }
    }

    /**
     * Where a video's content ends on the scenario's timeline: a file's or a folder's last frame, a
     * generated display's last change (the default duration adds its tail after it).
     */
    private static double videoEnd(Scenario.Video video, VideoFile probed) {
        if (video.source() instanceof Scenario.VideoFile) {
            return video.at() + (Double.isNaN(probed.durationS()) ? 0 : probed.durationS());
        }
        if (video.source() instanceof Scenario.VideoFrames frames) {
            return video.at() + imageCount(frames) / frames.fps();
        }
        List<Shown> changes = video.source() instanceof Scenario.Elevator elevator ? elevator.floors()
                : ((Scenario.Light) video.source()).states();
        return video.at() + changes.get(changes.size() - 1).atS();
    }

    private static int imageCount(Scenario.VideoFrames frames) {
        try {
            return FrameFolder.images(frames.dir()).size();
        } catch (VideoException e) {
            return 0;   // the loader checked the folder; one emptied since plays nothing
        }
    }

    private static Video video(Scenario scenario, Scenario.Video video, VideoFile probed, double duration)
            throws ScenarioException {
        Scenario.VideoSource source = video.source();
        if (source instanceof Scenario.VideoFile) {
            return probed.until(duration);
        }
        if (source instanceof Scenario.VideoFrames frames) {
            try {
                return FrameFolder.of(frames.dir(), frames.fps(), video.at(), duration, onTimeline(video));
            } catch (VideoException e) {
                throw new ScenarioException(scenario.file(), video.where() + ".frames.dir", e.getMessage());
            }
        }
        if (source instanceof Scenario.Elevator elevator) {
            return new ElevatorDisplay(elevator.floors(), elevator.style(), video.at(), duration);
        }
        Scenario.Light light = (Scenario.Light) source;
        return new TrafficLight(light.states(), light.style(), video.at(), duration);
    }

    /** A file's or folder's truth, given from the video's start, on the scenario's timeline. */
    private static List<Shown> onTimeline(Scenario.Video video) {
        return video.truth().stream().map(s -> new Shown(video.at() + s.atS(), s.what())).toList();
    }

    /** The clips' speech spans on the scenario's timeline, sorted, up to {@code duration}. */
    private static List<Interval> speechOf(List<Placed> clips, double duration) {
        List<Interval> spans = new ArrayList<>();
        for (Placed p : clips) {
            for (Interval span : p.speech()) {
                if (span.start() + p.start() < duration) {
                    spans.add(new Interval(p.start() + span.start(), Math.min(duration, p.start() + span.end())));
                }
            }
        }
        spans.sort(Comparator.comparingDouble(Interval::start));
        return List.copyOf(spans);
    }

    /**
     * A clip's samples at 16 kHz, where it starts (seconds from the scenario's start) and its speech
     * spans relative to that start.
     */
    private record Placed(Clip clip, double start, float[] samples, List<Interval> speech) {
        double end() {
            return start + samples.length / (double) RATE;
        }
    }

    /**
     * The clips of one list in order. A clip given {@code after} is placed so that its speech begins
     * that long after the previous clip's speech ends (ground-truth spans): the pause a listener hears,
     * whatever silence the two audio files carry at their edges.
     */
    /**
     * @param truth the clips are the user's, whose speech is the run's ground truth: a clip in which
     *              no speech is found is refused, since empty truth would let every check on it pass
     *              without checking anything
     */
    private List<Placed> placeAll(Scenario scenario, List<Clip> clips, boolean truth) throws ScenarioException {
        List<Placed> placed = new ArrayList<>();
        for (Clip clip : clips) {
            Placed p = place(scenario, clip);
            if (truth && p.speech().isEmpty() && clip.speech().isEmpty()) {
                throw new ScenarioException(scenario.file(), clip.where(), noSpeech(clip.source()));
            }
            if (clip.afterPrevious()) {
                Placed previous = placed.get(placed.size() - 1);
                double speechEnd = previous.speech().isEmpty() ? previous.end()
                        : previous.start() + previous.speech().get(previous.speech().size() - 1).end();
                double lead = p.speech().isEmpty() ? 0 : p.speech().get(0).start();
                p = new Placed(clip, Math.max(0, speechEnd + clip.at() - lead), p.samples(), p.speech());
            }
            placed.add(p);
        }
        return placed;
    }

    private Placed place(Scenario scenario, Clip clip) throws ScenarioException {
        float[] samples;
        if (clip.source() instanceof Say say) {
            samples = spoken.computeIfAbsent(say, this::synthesize);
        } else {
            AudioFile audio = (AudioFile) clip.source();
            samples = decode(scenario, audio.path(), audio.rawRate(), clip.where() + ".file");
            if (samples.length == 0) {
                // A header and nothing after it: say so, rather than "no speech found" in it.
                throw new ScenarioException(scenario.file(), clip.where() + ".file",
                        audio.path().getFileName() + " holds no audio (0 samples)");
            }
        }
        if (clip.trim().isPresent()) {
            samples = trim(scenario, clip, samples, clip.trim().get());
        }
        float[] scaled = scale(samples, clip.gainDb());
        if (clip.source() instanceof AudioFile audio) {
            finite(scaled, scenario, clip.where() + ".file", audio.path());
        }
        List<Interval> speech = clip.speech().orElseGet(() -> SpeechSpan.of(scaled).map(List::of).orElse(List.of()));
        return new Placed(clip, clip.at(), scaled, speech);
    }

    private static float[] trim(Scenario scenario, Clip clip, float[] samples, Interval part) throws ScenarioException {
        double length = samples.length / (double) RATE;
        if (part.end() > length + 1e-9) {
            throw new ScenarioException(scenario.file(), clip.where() + ".trim",
                    String.format(java.util.Locale.ROOT, "ends at %.3f s, after the audio's end (%.3f s)", part.end(), length));
        }
        return java.util.Arrays.copyOfRange(samples, (int) Math.round(part.start() * RATE),
                Math.min(samples.length, (int) Math.round(part.end() * RATE)));
    }

    private static String noSpeech(Scenario.ClipSource source) {
        if (source instanceof AudioFile file) {
            return "no speech found in " + file.path().getFileName() + " (no 10 ms frame stands out from the"
                    + " recording's noise floor): give its spans with speech: [[start, end]], or speech: [] for a"
                    + " clip without speech";
        }
        return "flite said nothing for '" + ((Say) source).text() + "'";
    }

    private float[] synthesize(Say say) {
        SynthesizedAudio audio = flite.synthesize(say.text(), say.voice());
        float[] samples = new float[audio.samples().length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = audio.samples()[i] / 32768f;
        }
        return Resampler.resample(samples, audio.sampleRate(), RATE);
    }

    private static float[] decode(Scenario scenario, java.nio.file.Path path, java.util.OptionalDouble rawRate, String where)
            throws ScenarioException {
        PcmAudio audio;
        try {
            audio = rawRate.isPresent() ? WavFile.readRaw(path, (int) Math.round(rawRate.getAsDouble())) : WavFile.read(path);
        } catch (AudioFormatException e) {
            throw new ScenarioException(scenario.file(), where, e.getMessage());
        }
        return Resampler.resample(audio.mono().samples(), audio.sampleRate(), RATE);
    }

    /**
     * Replaces NaN and infinite samples with 0 and records how many there were. A float WAV may hold
     * them; one NaN made a clip's ground truth empty (its loudest frame NaN) and a noise bed's every
     * loop poisoned; an infinity passed a gain and the mix as infinity.
     */
    private void finite(float[] samples, Scenario scenario, String where, java.nio.file.Path path) {
        int bad = 0;
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                samples[i] = 0f;
                bad++;
            }
        }
        if (bad > 0) {
            repairs.add(scenario.file() + ": " + where + ": " + path.getFileName() + ": " + bad + " sample"
                    + (bad == 1 ? " was" : "s were") + " NaN or infinite: replaced with silence");
        }
    }

    private static float[] scale(float[] samples, double gainDb) {
        if (gainDb == 0) {
            return samples;
        }
        float gain = (float) Math.pow(10, gainDb / 20);
        float[] scaled = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            scaled[i] = samples[i] * gain;
        }
        return scaled;
    }

    private static float[] mix(List<Placed> clips, int length) {
        float[] track = new float[length];
        for (Placed p : clips) {
            int offset = (int) Math.round(p.start() * RATE);
            for (int i = 0; i < p.samples().length && offset + i < length; i++) {
                track[offset + i] += p.samples()[i];
            }
        }
        return track;
    }

}
