package dev.vigil.speech.asr;

import dev.vigil.agent.audio.AudioFormatException;
import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recorded utterances with their transcripts, in CMU Sphinx's test layout (Debian's
 * {@code pocketsphinx-testdata}: {@code librivox/}, {@code cards/}): a transcription file of lines
 * {@code <s> words </s> (id)} and a 16 kHz mono WAV file named after each id, found anywhere below
 * the transcription's directory. For measuring recognisers on speech nobody here made.
 */
public final class SpeechCorpus {

    private static final Pattern LINE = Pattern.compile("\\s*(?:<s>)?(.*?)(?:</s>)?\\s*\\(([^()]+)\\)\\s*");

    /**
     * One recording.
     *
     * @param id        the transcription's id, e.g. {@code sense_and_sensibility_01_austen_64kb-0870}
     * @param reference what was said, lower case, single spaces
     * @param pcm16k    the audio, 16 kHz mono 16-bit
     */
    public record Clip(String id, String reference, short[] pcm16k) {

        public double seconds() {
            return pcm16k.length / 16_000.0;
        }
    }

    private SpeechCorpus() {
    }

    /**
     * Every clip the transcription lists, in its order.
     *
     * @throws IOException a file is missing or unreadable, or the audio is not 16 kHz mono; the
     *     message names the file
     */
    public static List<Clip> read(Path transcription) throws IOException {
        List<Clip> clips = new ArrayList<>();
        Path dir = transcription.toAbsolutePath().getParent();
        for (String line : Files.readAllLines(transcription)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IOException(transcription + ": not a '<s> words </s> (id)' line: " + line);
            }
            String id = m.group(2).strip();
            String words = m.group(1).strip().replaceAll("\\s+", " ");
            clips.add(new Clip(id, words, audio(dir, id)));
        }
        return clips;
    }

    private static short[] audio(Path dir, String id) throws IOException {
        Path wav = dir.resolve(id + ".wav");
        PcmAudio pcm;
        try {
            pcm = WavFile.read(wav);
        } catch (AudioFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (pcm.sampleRate() != 16_000 || pcm.channels() != 1) {
            throw new IOException(wav + ": " + pcm.sampleRate() + " Hz, " + pcm.channels()
                    + " channels; the corpus must be 16 kHz mono");
        }
        return toPcm16(pcm.samples());
    }

    /** −1..1 floats as 16-bit samples, clipped. */
    public static short[] toPcm16(float[] samples) {
        short[] pcm = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * 32768f)));
        }
        return pcm;
    }
}
