package dev.vigil.speech.tts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspeakSynthesizerTest {

    private final EspeakSynthesizer espeak = new EspeakSynthesizer();

    private void assumeInstalled() {
        assumeTrue(espeak.unavailableReason().isEmpty(), () -> espeak.unavailableReason().orElse(""));
    }

    @Test
    void speaksMandarin() {
        assumeInstalled();
        SynthesizedAudio audio = espeak.synthesize("\u4f60\u597d", "cmn");

        assertThat(audio.sampleRate()).isEqualTo(22_050);
        assertThat(audio.durationMillis()).isBetween(300L, 3_000L);
        int peak = 0;
        for (short sample : audio.samples()) {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertThat(peak).isGreaterThan(3_276);
    }

    @Test
    void textThatLooksLikeAnOptionIsSpokenNotParsed() {
        assumeInstalled();
        assertThat(espeak.synthesize("--help me", "en-us").durationMillis()).isGreaterThan(300L);
    }

    @Test
    void unknownVoiceFailsWithEspeaksOwnReasonOnOneLine() {
        assumeInstalled();
        assertThatThrownBy(() -> espeak.synthesize("hello", "nosuchvoice"))
                .isInstanceOf(SynthesisException.class)
                .hasMessageStartingWith("espeak-ng -v nosuchvoice failed (exit 1): ")
                .hasMessageContaining("voice does not exist")
                .hasMessageNotContaining("\n");
    }

    @Test
    void malformedVoiceNameIsRejectedBeforeRunning() {
        assertThatThrownBy(() -> espeak.synthesize("hello", "--stdout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid espeak-ng voice name '--stdout'");
    }

    @Test
    void blankTextIsEmptyAudioWithoutRunningTheProgram() {
        EspeakSynthesizer missing = new EspeakSynthesizer("/nonexistent/espeak-ng", Duration.ofSeconds(1));
        assertThat(missing.synthesize("  ", "cmn").isEmpty()).isTrue();
    }

    @Test
    void missingProgramSaysToInstallIt() {
        EspeakSynthesizer missing = new EspeakSynthesizer("/nonexistent/espeak-ng", Duration.ofSeconds(1));

        assertThat(missing.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("espeak-ng is not available: cannot run '/nonexistent/espeak-ng'")
                .doesNotContain("\n"));
        assertThatThrownBy(() -> missing.synthesize("hello", "en-us"))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("install the Debian package espeak-ng");
    }

    @Test
    void hungProgramIsKilledAtTheTimeout(@TempDir Path dir) throws Exception {
        Path hang = dir.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        EspeakSynthesizer hung = new EspeakSynthesizer(hang.toString(), Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThatThrownBy(() -> hung.synthesize("hello", "en-us"))
                .isInstanceOf(SynthesisException.class)
                .hasMessageEndingWith("timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void parsesAStreamedWavWhoseSizesArePlaceholders() {
        ByteBuffer wav = ByteBuffer.allocate(44 + 3 * 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0x7ffff024);
        wav.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) 1).putInt(22_050).putInt(44_100);
        wav.putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0x7ffff000);
        wav.putShort((short) 1).putShort((short) -2).putShort(Short.MAX_VALUE).put((byte) 7);

        SynthesizedAudio audio = EspeakSynthesizer.parseWav(wav.array());

        assertThat(audio.sampleRate()).isEqualTo(22_050);
        assertThat(audio.samples()).containsExactly((short) 1, (short) -2, Short.MAX_VALUE);
    }

    @Test
    void rejectsOutputThatIsNotAMonoPcmWav() {
        assertThatThrownBy(() -> EspeakSynthesizer.parseWav("Error: oops".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(SynthesisException.class)
                .hasMessage("espeak-ng output is not a WAV file (11 bytes)");

        ByteBuffer stereo = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        stereo.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        stereo.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        stereo.putShort((short) 1).putShort((short) 2).putInt(22_050).putInt(88_200).putShort((short) 4).putShort((short) 16);
        stereo.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        assertThatThrownBy(() -> EspeakSynthesizer.parseWav(stereo.array()))
                .isInstanceOf(SynthesisException.class)
                .hasMessage("espeak-ng WAV is format 1, 2 channel(s), 16 bits; expected PCM mono 16-bit");
    }
}
