package dev.vigil.speech.asr;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.agent.duplex.FloorSettings;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stop-word spotter on clean flite speech and on the synthetic cough stand-ins of
 * {@code scenarios/floor/clips} (a documented noise burst, not a recording: see make_coughs.py).
 */
class StopWordSpotterTest {

    static final List<String> VOICES = List.of("slt", "rms", "awb", "kal16");
    static final List<String> BACKCHANNELS = List.of("mm hmm", "uh huh", "okay");

    private static FliteSynthesizer flite;
    private static StopWordSpotter spotter;

    @BeforeAll
    static void engines() {
        flite = new FliteSynthesizer();
        spotter = new StopWordSpotter();
    }

    @AfterAll
    static void close() {
        spotter.close();
        flite.close();
    }

    /** As the recogniser gets a segment: 300 ms of lead-in, the sound, 300 ms after it. */
    static short[] segment(short[] sound) {
        short[] s = new short[4_800 + sound.length + 4_800];
        System.arraycopy(sound, 0, s, 4_800, sound.length);
        return s;
    }

    static short[] cough(int n) throws Exception {
        PcmAudio audio = WavFile.read(Path.of("..", "scenarios", "floor", "clips", "cough-" + n + ".wav"));
        return audio.mono().toPcm16();
    }

    @Test
    void stopWordsScoreAboveBackchannelsAndCoughs() throws Exception {
        List<Float> stops = new ArrayList<>();
        List<Float> others = new ArrayList<>();
        for (String voice : VOICES) {
            var s = spotter.spot(segment(flite.synthesize("stop", voice).samples())).orElseThrow();
            System.out.printf("spotter: stop (%s) → %s%n", voice, s);
            stops.add(s.confidence());
            for (String backchannel : BACKCHANNELS) {
                var b = spotter.spot(segment(flite.synthesize(backchannel, voice).samples())).orElseThrow();
                System.out.printf("spotter: %s (%s) → %s%n", backchannel, voice, b);
                others.add(b.confidence());
            }
        }
        for (int n = 1; n <= 8; n++) {
            var c = spotter.spot(segment(cough(n))).orElseThrow();
            System.out.printf("spotter: cough-%d → %s%n", n, c);
            others.add(c.confidence());
        }
        System.out.printf("spotter: stops %s; backchannels and coughs %s%n", stops, others);
        float threshold = FloorSettings.DEFAULT_STOP_CONFIDENCE;
        assertThat(stops).as("turn.stop_confidence's default separates them").allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(threshold));
        assertThat(others).allSatisfy(c -> assertThat(c).isLessThan(threshold));
    }
}
