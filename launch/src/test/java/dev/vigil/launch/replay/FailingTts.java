package dev.vigil.launch.replay;

import dev.vigil.speech.tts.Synthesis;
import dev.vigil.speech.tts.Tts;
import dev.vigil.speech.tts.TtsListener;

/**
 * A fake, named as such: a synthesizer that fails every utterance, because flite cannot be made to
 * fail on demand. Failures are reported through the listener as a real engine's would be.
 */
final class FailingTts implements Tts {

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Synthesis speak(String utteranceId, String text, TtsListener listener) {
        listener.failed(utteranceId, "injected synthesis failure for \"" + text + "\"");
        return new Synthesis() {
            public void cancel() {
            }

            public boolean cancelled() {
                return false;
            }

            public String utteranceId() {
                return utteranceId;
            }
        };
    }

    @Override
    public void close() {
    }
}
