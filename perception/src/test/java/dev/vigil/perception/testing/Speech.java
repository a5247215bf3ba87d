package dev.vigil.perception.testing;

import dev.vigil.agent.audio.PcmAudio;
import dev.vigil.agent.audio.WavFile;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.perception.audio.vad.SileroVad;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real test material: speech synthesized by Debian's flite program (the perception module does not
 * link flite; the speech module does), and the real Silero model from the model cache.
 */
public final class Speech {

    private static ModelFile silero;

    private Speech() {
    }

    /** 16 kHz mono samples in [-1, 1] of flite saying {@code text}. */
    public static float[] say(String text, String voice) {
        try {
            Path wav = Files.createTempFile("vigil-test-", ".wav");
            try {
                Process p = new ProcessBuilder("flite", "-voice", voice, "-t", text, "-o", wav.toString())
                        .redirectErrorStream(true).start();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("flite failed: " + new String(p.getInputStream().readAllBytes()));
                }
                PcmAudio audio = WavFile.read(wav).mono();
                if (audio.sampleRate() != 16_000) {
                    throw new IllegalStateException("expected 16 kHz from flite voice " + voice);
                }
                return audio.samples();
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot synthesize test speech: " + e.getMessage(), e);
        }
    }

    public static synchronized ModelFile sileroModel() throws Exception {
        if (silero == null) {
            silero = ModelStore.fromEnvironment().resolve(ModelCatalog.load().get(SileroVad.MODEL));
        }
        return silero;
    }

    public static SileroVad silero() {
        try {
            return new SileroVad(Engines.open(sileroModel(), EngineOptions.defaults()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds {@code clip × gain} into {@code track} starting at {@code atSeconds}. */
    public static void mix(float[] track, float[] clip, double atSeconds, double gainDb) {
        int offset = (int) Math.round(atSeconds * 16_000);
        float gain = (float) Math.pow(10, gainDb / 20);
        for (int i = 0; i < clip.length && offset + i < track.length; i++) {
            track[offset + i] += clip[i] * gain;
        }
    }

    public static short[] pcm(float[] samples, int from, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            int n = from + i;
            float v = n < samples.length ? samples[n] : 0f;
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32767f)));
        }
        return out;
    }

    public static double rmsDb(float[] samples, double fromSeconds, double toSeconds) {
        double energy = 0;
        int from = (int) (fromSeconds * 16_000);
        int to = Math.min(samples.length, (int) (toSeconds * 16_000));
        for (int i = from; i < to; i++) {
            energy += samples[i] * samples[i];
        }
        return 10 * Math.log10(energy / Math.max(1, to - from) + 1e-12);
    }
}
