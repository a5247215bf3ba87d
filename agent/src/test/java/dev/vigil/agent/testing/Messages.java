package dev.vigil.agent.testing;

import dev.vigil.agent.message.AudioFrame;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;

import static dev.vigil.agent.testing.BusHarness.seconds;

/** What the hearing side would publish, built from times in seconds, for bus-level tests. */
public final class Messages {

    /** Detection comes this long after the onset, as with the real front end. */
    public static final double DETECTION_DELAY_S = 0.1;

    private Messages() {
    }

    public static VoiceStarted voiceStarted(double onsetS) {
        return new VoiceStarted(seconds(onsetS), seconds(onsetS + DETECTION_DELAY_S), 0.9f, false);
    }

    /** The voice that started at {@code onsetS} ended at {@code endS} (decided 300 ms later). */
    public static VoiceStopped voiceStopped(double onsetS, double endS) {
        return new VoiceStopped(seconds(onsetS), seconds(endS), seconds(endS + 0.3));
    }

    public static Transcript partial(String text, double startS, double endS) {
        return new Transcript(text, false, text.isBlank() ? 0f : 0.9f, seconds(startS), seconds(endS), "en-US");
    }

    public static Transcript finalTranscript(String text, double startS, double endS) {
        return new Transcript(text, true, text.isBlank() ? 0f : 0.9f, seconds(startS), seconds(endS), "en-US");
    }

    /** {@code millis} of 16 kHz silence starting at {@code atS}. */
    public static AudioFrame silence(double atS, int millis) {
        return new AudioFrame(seconds(atS), 16_000, new short[16 * millis]);
    }
}
