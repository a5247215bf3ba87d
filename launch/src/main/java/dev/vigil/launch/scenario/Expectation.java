package dev.vigil.launch.scenario;

import java.util.Map;
import java.util.Optional;

/**
 * Something that must hold after a run ({@code expect:} in a scenario). Each is checked against the
 * report; a failed one makes {@code vigil replay} exit with 1.
 */
public sealed interface Expectation {

    /** The key as written in the scenario. */
    String key();

    /** The expected value as written, for printing. */
    Object expected();

    /** A time window in seconds, inclusive. */
    record Window(double from, double to) {
        public boolean contains(double t) {
            return t >= from && t <= to;
        }

        /** As written in a scenario: {@code [8.0, 10.0]}. */
        @Override
        public String toString() {
            return "[" + from + ", " + to + "]";
        }
    }

    /** A whole-number count that must match exactly. */
    sealed interface Count extends Expectation permits VoiceSegments, SelfInterruptions, MissedUserSpeech,
            BackgroundDetections {
        int count();

        default Object expected() {
            return count();
        }
    }

    /** Exactly this many user voice segments detected. */
    record VoiceSegments(int count) implements Count {
        public String key() {
            return "voice_segments";
        }
    }

    /** Exactly this many detections caused by the robot's own voice. */
    record SelfInterruptions(int count) implements Count {
        public String key() {
            return "self_interruptions";
        }
    }

    /** Exactly this many detections of background voices alone ({@code background:} clips, no user speech). */
    record BackgroundDetections(int count) implements Count {
        public String key() {
            return "background_detections";
        }
    }

    /** Exactly this many true user-speech segments with no detection. */
    record MissedUserSpeech(int count) implements Count {
        public String key() {
            return "missed_user_speech";
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

    /** An intent of this name was published, with these data fields (a subset), in the window. */
    record IntentPublished(String intent, Map<String, Object> data, Optional<Window> within) implements Expectation {
        public String key() {
            return "intent";
        }

        public Object expected() {
            return intent + (data.isEmpty() ? "" : " " + data) + within.map(w -> " within " + w).orElse("");
        }
    }

    /** No intent of this name was published. */
    record NoIntent(String intent) implements Expectation {
        public String key() {
            return "no_intent";
        }

        public Object expected() {
            return intent;
        }
    }

    /** A final transcript contains this text (case-insensitive), in the window. */
    record TranscriptContains(String text, Optional<Window> within) implements Expectation {
        public String key() {
            return "transcript_contains";
        }

        public Object expected() {
            return text + within.map(w -> " within " + w).orElse("");
        }
    }

    /**
     * A final transcript's words, by either tier of recognition, contain this text (case-insensitive),
     * in the window: the grammar's, or the open tier's for the same audio
     * ({@code Transcript.openText}), which are the ones requests outside the grammar are read from.
     */
    record HeardContains(String text, Optional<Window> within) implements Expectation {
        public String key() {
            return "heard_contains";
        }

        public Object expected() {
            return text + within.map(w -> " within " + w).orElse("");
        }
    }

    /**
     * The words of a robot utterance that really played (its {@code played_text}) contain this text
     * (case-insensitive); it started in the window.
     */
    record UtteranceContains(String text, Optional<Window> within) implements Expectation {
        public String key() {
            return "utterance_contains";
        }

        public Object expected() {
            return text + within.map(w -> " within " + w).orElse("");
        }
    }

    /** Every voice-to-voice latency at most this many milliseconds. */
    record MaxVoiceToVoiceMs(double millis) implements Expectation {
        public String key() {
            return "max_voice_to_voice_ms";
        }

        public Object expected() {
            return millis;
        }
    }

    /**
     * A watch whose request contains this text (case-insensitive) fired, first in the window; with
     * {@code times}, it (they) fired exactly that often.
     */
    record WatchFired(String text, Optional<Window> within, java.util.OptionalInt times) implements Expectation {
        public String key() {
            return "watch_fired";
        }

        public Object expected() {
            return text + within.map(w -> " within " + w).orElse("") + (times.isPresent() ? " " + times.getAsInt() + " times" : "");
        }
    }

    /** No watch fired. */
    record NoWatchFired(boolean required) implements Expectation {
        public String key() {
            return "no_watch_fired";
        }

        public Object expected() {
            return required;
        }
    }
}
