package dev.vigil.launch.scenario;

/**
 * Something that must hold after a run ({@code expect:} in a scenario). Each is checked against the
 * report; a failed one makes {@code vigil replay} exit with 1.
 */
public sealed interface Expectation {

    /** The key as written in the scenario. */
    String key();

    /** The expected value as written, for printing. */
    Object expected();

    /** Exactly this many user voice segments detected. */
    record VoiceSegments(int count) implements Expectation {
        public String key() {
            return "voice_segments";
        }

        public Object expected() {
            return count;
        }
    }

    /** Exactly this many detections caused by the robot's own voice. */
    record SelfInterruptions(int count) implements Expectation {
        public String key() {
            return "self_interruptions";
        }

        public Object expected() {
            return count;
        }
    }

    /** Exactly this many true user-speech segments with no detection. */
    record MissedUserSpeech(int count) implements Expectation {
        public String key() {
            return "missed_user_speech";
        }

        public Object expected() {
            return count;
        }
    }

    /** Median voice-onset detection delay at most this many milliseconds. */
    record MaxVadOnsetMedianMs(double millis) implements Expectation {
        public String key() {
            return "max_vad_onset_median_ms";
        }

        public Object expected() {
            return millis;
        }
    }

    /** Every true user-speech segment at least this much inside detected voice segments (0..1). */
    record MinSpeechCoverage(double fraction) implements Expectation {
        public String key() {
            return "min_speech_coverage";
        }

        public Object expected() {
            return fraction;
        }
    }

    /** No component errors during the run. */
    record NoErrors(boolean required) implements Expectation {
        public String key() {
            return "no_errors";
        }

        public Object expected() {
            return required;
        }
    }
}
