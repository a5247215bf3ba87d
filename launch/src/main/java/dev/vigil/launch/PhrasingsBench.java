package dev.vigil.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.Resampler;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Transcript;
import dev.vigil.policy.intent.IntentKind;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.policy.intent.Interpretation;
import dev.vigil.speech.asr.Asr;
import dev.vigil.speech.asr.AsrStream;
import dev.vigil.speech.asr.RecognitionVerticle;
import dev.vigil.speech.tts.engine.EspeakSynthesizer;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import dev.vigil.speech.tts.engine.SynthesizedAudio;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code vigil bench phrasings}: free phrasings of the robot's requests, synthesized in several voices
 * of two synthesizers (flite, espeak-ng), at 16 kHz and band-limited to 8 kHz (telephone band), heard
 * by both tiers of recognition (the command grammar and Whisper tiny) and read by the intent policy,
 * exactly as the agent does for a turn outside its own speech ({@link RecognitionVerticle#listenAgain}: a
 * final the policy cannot use is listened to again, thoroughly).
 *
 * <p>An outcome is <b>right</b> when the robot acts on, or asks about ("Did you want me to…?"), the
 * expected intent with the expected roles; <b>wrong motion</b> when it acts on a motion that is not the
 * one asked for, or has other roles. The acceptance of issue "understands free speech": ≥ 95 % right
 * and 0 wrong motion at 16 kHz, 0 wrong motion at 8 kHz.
 *
 * <p>This is the recognition and policy path on whole utterances, not the full agent: no echo, no
 * voice-activity segmentation, no end-of-turn wait (scenario replays measure those).
 */
final class PhrasingsBench {

    /** Right intent and roles needed at 16 kHz. */
    static final double ACCEPTED_RIGHT = 0.95;
    /** Silence around each utterance, as the segmenter's lead-in and hangover give the recognisers. */
    private static final int PAD_SAMPLES = 4_800;

    /**
     * One phrasing and what it asks for.
     *
     * @param say    the words, lower case
     * @param intent the intent's wire name, e.g. {@code move}
     * @param data   the roles that must come out (SI units); keys not given are not compared
     */
    record Phrasing(String say, String intent, Map<String, Object> data) {
        Phrasing {
            Objects.requireNonNull(say, "say");
            Objects.requireNonNull(intent, "intent");
            if (IntentKind.fromWireName(intent).isEmpty()) {
                throw new IllegalArgumentException("intent: no intent '" + intent + "'");
            }
            data = data == null ? Map.of() : Map.copyOf(data);
        }
    }

    /** How one utterance came out. */
    enum Outcome { ACTED, ASKED, WRONG, WRONG_MOTION }

    /**
     * One utterance's result.
     *
     * @param heard what the grammar heard, then what Whisper heard
     * @param got   the intent acted on or asked about, or the reply when there was none
     */
    record Trial(Phrasing phrasing, String voice, int band, Outcome outcome, String heard, String got) {
        boolean right() {
            return outcome == Outcome.ACTED || outcome == Outcome.ASKED;
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private PhrasingsBench() {
    }

    /**
     * Reads a phrasings file (a YAML list of {@code {say, intent, data}}).
     *
     * @throws IOException one line naming the file and the problem
     */
    static List<Phrasing> load(Path file) throws IOException {
        try {
            Phrasing[] list = YAML.readValue(Files.readString(file), Phrasing[].class);
            if (list == null || list.length == 0) {
                throw new IOException(file + ": no phrasings");
            }
            return List.of(list);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IOException(file + ": " + message.lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Runs every phrasing in every voice and band.
     *
     * @param voices  {@code flite:slt}, {@code espeak:en-us}, …
     * @param bands   sample rates the audio passes through: 16000 (as synthesized) or 8000 (telephone)
     * @param grammar the command grammar's recogniser; {@code open} Whisper's (null: the grammar alone)
     */
    static List<Trial> run(List<Phrasing> phrasings, List<String> voices, List<Integer> bands, Asr grammar, Asr open,
                           IntentRecognizer intents, PrintStream out) throws Exception {
        List<Trial> trials = new ArrayList<>();
        try (FliteSynthesizer flite = new FliteSynthesizer()) {
            EspeakSynthesizer espeak = new EspeakSynthesizer();
            for (int band : bands) {
                for (String voice : voices) {
                    for (Phrasing p : phrasings) {
                        short[] audio = audio(p.say(), voice, band, flite, espeak);
                        Transcript g = decode(grammar, audio);
                        Transcript w = open == null ? new Transcript("", true, 0f, 0, g.endNanos(), "en")
                                : decode(open, audio);
                        Transcript turn = open == null ? RecognitionVerticle.twoTiers(g, w)
                                : RecognitionVerticle.listenAgain(g, w, intents::worthAnotherListen,
                                        () -> open.thorough().map(thorough -> readings(thorough, audio)).orElse(List.of()));
                        Trial t = judge(p, voice, band, intents.interpret(turn),
                                "\"" + g.text() + "\" / \"" + w.text() + "\"");
                        trials.add(t);
                        if (!t.right() && out != null) {
                            out.printf("  %-6s %5d Hz %-14s \"%s\": heard %s → %s%n", t.outcome(), band, voice, p.say(),
                                    t.heard(), t.got());
                        }
                    }
                    if (out != null) {
                        List<Trial> these = trials.stream().filter(t -> t.band() == band && t.voice().equals(voice)).toList();
                        out.printf("%5d Hz %-14s right %d/%d, wrong motion %d%n", band, voice,
                                these.stream().filter(Trial::right).count(), these.size(),
                                these.stream().filter(t -> t.outcome() == Outcome.WRONG_MOTION).count());
                    }
                }
            }
        }
        return trials;
    }

    /** Prints the totals per band; true when they meet the acceptance. */
    static boolean summarise(List<Trial> trials, PrintStream out) {
        boolean accepted = true;
        for (int band : trials.stream().map(Trial::band).distinct().toList()) {
            List<Trial> these = trials.stream().filter(t -> t.band() == band).toList();
            long right = these.stream().filter(Trial::right).count();
            long asked = these.stream().filter(t -> t.outcome() == Outcome.ASKED).count();
            long wrongMotion = these.stream().filter(t -> t.outcome() == Outcome.WRONG_MOTION).count();
            double share = (double) right / these.size();
            boolean ok = wrongMotion == 0 && (band < 16_000 || share >= ACCEPTED_RIGHT);
            accepted &= ok;
            out.printf(Locale.ROOT, "%5d Hz: right %d/%d (%.1f %%; asked back %d), wrong motion %d — %s%n", band, right,
                    these.size(), 100 * share, asked, wrongMotion, ok ? "accepted" : "NOT accepted");
        }
        return accepted;
    }

    /** Totals per band and voice, and every trial that was not right, for {@code --report}. */
    static Map<String, Object> figures(List<Trial> trials) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        for (int band : trials.stream().map(Trial::band).distinct().toList()) {
            for (String voice : trials.stream().map(Trial::voice).distinct().toList()) {
                List<Trial> these = trials.stream().filter(t -> t.band() == band && t.voice().equals(voice)).toList();
                Map<String, Object> cell = new java.util.LinkedHashMap<>();
                cell.put("band_hz", band);
                cell.put("voice", voice);
                cell.put("trials", these.size());
                cell.put("right", these.stream().filter(Trial::right).count());
                cell.put("asked", these.stream().filter(t -> t.outcome() == Outcome.ASKED).count());
                cell.put("wrong_motion", these.stream().filter(t -> t.outcome() == Outcome.WRONG_MOTION).count());
                cells.add(cell);
            }
        }
        out.put("cells", cells);
        out.put("misses", trials.stream().filter(t -> !t.right()).map(t -> Map.of("band_hz", t.band(), "voice", t.voice(),
                "say", t.phrasing().say(), "outcome", t.outcome().name().toLowerCase(Locale.ROOT), "heard", t.heard(),
                "got", t.got())).toList());
        return out;
    }

    private static Trial judge(Phrasing p, String voice, int band, Interpretation i, String heard) {
        Intent intent = i instanceof Interpretation.Understood u ? u.intent()
                : i instanceof Interpretation.Confirm c ? c.candidate() : null;
        if (intent == null) {
            return new Trial(p, voice, band, Outcome.WRONG, heard, "\"" + i.reply() + "\"");
        }
        String got = intent.intent() + " " + intent.data();
        boolean same = intent.intent().equals(p.intent()) && rolesMatch(p.data(), intent.data());
        boolean acted = i instanceof Interpretation.Understood;
        boolean motion = IntentKind.fromWireName(intent.intent()).map(IntentKind::isMotion).orElse(false);
        Outcome outcome = same ? (acted ? Outcome.ACTED : Outcome.ASKED)
                : acted && motion ? Outcome.WRONG_MOTION : Outcome.WRONG;
        return new Trial(p, voice, band, outcome, heard, (acted ? "acted on " : "asked about ") + got);
    }

    /** Every expected role is there with the same value (numbers to a millimetre or a degree's thousandth). */
    static boolean rolesMatch(Map<String, Object> expected, String dataJson) {
        JsonNode data;
        try {
            data = JSON.readTree(dataJson);
        } catch (JsonProcessingException e) {
            return false;
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            JsonNode v = data.get(e.getKey());
            if (v == null) {
                return false;
            }
            if (e.getValue() instanceof Number n) {
                if (!v.isNumber() || Math.abs(v.asDouble() - n.doubleValue()) > 1e-3) {
                    return false;
                }
            } else if (!v.asText().equals(String.valueOf(e.getValue()))) {
                return false;
            }
        }
        // A motion role said but not expected is a different act ("move forward" vs "forward 3 m").
        for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (List.of("direction", "distance", "angle").contains(key) && !expected.containsKey(key)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} in {@code voice}, at 16 kHz, through a {@code band} Hz channel, with silence around it. */
    static short[] audio(String text, String voice, int band, FliteSynthesizer flite, EspeakSynthesizer espeak) {
        int colon = voice.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("voice '" + voice + "': give flite:NAME or espeak:NAME");
        }
        String engine = voice.substring(0, colon);
        String name = voice.substring(colon + 1);
        SynthesizedAudio said = switch (engine) {
            case "flite" -> flite.synthesize(text, name);
            case "espeak" -> espeak.synthesize(text, name);
            default -> throw new IllegalArgumentException("voice '" + voice + "': no synthesizer '" + engine + "'");
        };
        float[] pcm = PcmAudio.ofPcm16(said.samples(), said.sampleRate()).samples();
        if (said.sampleRate() != 16_000) {
            pcm = Resampler.resample(pcm, said.sampleRate(), 16_000);
        }
        if (band < 16_000) {
            // Down to the channel's rate and back: what a phone line or an 8 kHz microphone leaves.
            pcm = Resampler.resample(Resampler.resample(pcm, 16_000, band), band, 16_000);
        }
        float[] padded = new float[PAD_SAMPLES + pcm.length + PAD_SAMPLES];
        System.arraycopy(pcm, 0, padded, PAD_SAMPLES, pcm.length);
        return new PcmAudio(16_000, 1, padded).toPcm16();
    }

    /** Feeds {@code audio} in 20 ms chunks, as the front end does, and finishes. */
    private static Transcript decode(Asr asr, short[] audio) {
        return readings(asr, audio).get(0);
    }

    /** The recogniser's readings of the utterance, best first, fed in 20 ms chunks as the agent does. */
    private static List<Transcript> readings(Asr asr, short[] audio) {
        AsrStream stream = asr.open(0, partial -> { });
        for (int at = 0; at < audio.length; at += 320) {
            stream.accept(Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 320)));
        }
        return stream.finishWithAlternatives(audio.length * 62_500L);
    }
}
