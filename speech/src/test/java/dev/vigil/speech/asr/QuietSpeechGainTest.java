package dev.vigil.speech.asr;

import dev.vigil.agent.audio.WavFile;
import dev.vigil.speech.tts.engine.FliteSynthesizer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The open tier's gain for quiet speech, on a real recording ({@code goforward.raw} of Debian's
 * {@code pocketsphinx-testdata}, a man saying "go forward ten meters" at an active level of −29 dBFS).
 */
class QuietSpeechGainTest {

    @Test
    void speechAtANormalLevelIsLeftAsItIs() throws Exception {
        short[] pcm = goForward();
        assertThat(QuietSpeechGain.activeLevelDbfs(pcm)).isCloseTo(-29.1, within(0.5));
        assertThat(QuietSpeechGain.raised(pcm)).isSameAs(pcm);
    }

    @Test
    void aSpeakerAtMinusFiftyDbfsIsRaisedToASpeechLevel() throws Exception {
        short[] quiet = scaled(goForward(), -21);
        assertThat(QuietSpeechGain.activeLevelDbfs(quiet)).isCloseTo(-50.1, within(0.5));
        short[] raised = QuietSpeechGain.raised(quiet);
        assertThat(QuietSpeechGain.activeLevelDbfs(raised)).isCloseTo(QuietSpeechGain.TARGET_DBFS, within(0.5));
    }

    @Test
    void theGainIsCappedBelowTheQuietestSpeech() throws Exception {
        short[] faint = scaled(goForward(), -40);
        assertThat(QuietSpeechGain.gainDb(faint)).isEqualTo(QuietSpeechGain.MAX_GAIN_DB);
    }

    @Test
    void aLoudClickInQuietSpeechIsNotClipped() throws Exception {
        short[] quiet = scaled(goForward(), -21);
        quiet[8000] = 16_000; // −6 dBFS: a knock on the table
        short[] raised = QuietSpeechGain.raised(quiet);
        assertThat(QuietSpeechGain.gainDb(quiet)).isLessThan(24).isGreaterThan(0);
        assertThat(raised[8000]).isLessThan(Short.MAX_VALUE);
    }

    @Test
    void silenceAndAudioShorterThanAWindowAreLeftAlone() {
        short[] silence = new short[16_000];
        assertThat(QuietSpeechGain.raised(silence)).isSameAs(silence);
        short[] blip = {3, -2, 5};
        assertThat(QuietSpeechGain.raised(blip)).isSameAs(blip);
    }

    /**
     * Why the gain exists: flite slt's "go forward two meters" at −50 dBFS, which the grammar's decoders
     * heard as "go forward zero meters" as it was (2 of 2 runs, 2026-12-02), is heard right raised.
     */
    @Test
    void theGrammarHearsQuietSpeechRaised() {
        try (var flite = new FliteSynthesizer(); var grammar = new Sphinx4Asr(AsrGrammar.robot())) {
            short[] clean = flite.synthesize("go forward two meters", "slt").samples();
            short[] quiet = scaled(clean, -50 - QuietSpeechGain.activeLevelDbfs(clean));
            short[] raised = QuietSpeechGain.raised(quiet);
            assertThat(raised).isNotSameAs(quiet);
            assertThat(Sphinx4AsrTest.recognise(grammar, raised, new ArrayList<>()).text()).isEqualTo("go forward two meters");
        }
    }

    static short[] scaled(short[] pcm, double db) {
        double g = Math.pow(10, db / 20);
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = (short) Math.round(pcm[i] * g);
        }
        return out;
    }

    static short[] goForward() throws Exception {
        Path raw = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
        assumeTrue(Files.isRegularFile(raw), "Debian package pocketsphinx-testdata is not installed");
        return SpeechCorpus.toPcm16(WavFile.readRaw(raw, 16_000).samples());
    }
}
