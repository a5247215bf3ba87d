package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.speech.asr.whisper.WhisperAsr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code vigil bench whisper} on Debian's pocketsphinx-testdata, one measured run. */
class WhisperBenchTest {

    @TempDir
    Path dir;

    @Test
    void benchWhisperScoresTheLibriVoxClipsAndTranscribesTheCards() throws Exception {
        assumeTrue(Files.isDirectory(WhisperBench.DEFAULT_CORPUS.resolve("librivox")),
                "Debian package pocketsphinx-testdata is not installed");
        assumeTrue(WhisperAsr.unavailableReason().isEmpty(), () -> WhisperAsr.unavailableReason().get());
        Path report = dir.resolve("whisper.json");

        Cli result = Cli.run("bench", "whisper", "--runs", "1", "--report", report.toString());

        System.out.println(result.out());
        assertThat(result.exit()).as("exit code; stderr: " + result.err()).isEqualTo(Vigil.OK);
        assertThat(result.out()).contains("overall WER", "acceptance: at most 10 %: pass", "load at the end");
        JsonNode figures = Cli.report(report);
        assertThat(figures.get("librivox")).hasSize(5);
        assertThat(figures.get("cards")).hasSize(5);
        assertThat(figures.get("librivox_wer").asDouble()).isLessThanOrEqualTo(0.10);
        assertThat(figures.at("/goforward/text").asText()).isEqualTo("go forward 10 meters");
        for (JsonNode clip : figures.get("librivox")) {
            assertThat(clip.at("/decode_ms/median").asDouble()).as(clip.get("id").asText()).isPositive();
        }
    }

    @Test
    void aMissingCorpusIsOneClearLine() {
        Cli result = Cli.run("bench", "whisper", "--corpus", "/nowhere");
        assertThat(result.exit()).isEqualTo(Vigil.BAD_INPUT);
        assertThat(result.err().strip()).isEqualTo("vigil: /nowhere/librivox/transcription: no such file (install the"
                + " Debian package pocketsphinx-testdata, or point --corpus at its test/data directory)");
    }
}
