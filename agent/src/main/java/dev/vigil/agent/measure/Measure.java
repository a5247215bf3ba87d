package dev.vigil.agent.measure;

/** Measure names as they appear in reports and telemetry. Definitions: docs/report.md. */
public final class Measure {

    /** Detected voice onset − true speech onset (ms): how late voice-started fires. */
    public static final String VAD_ONSET_MS = "vad_onset_ms";
    /** Detected voice end decision − true speech end (ms): how late voice-stopped fires. */
    public static final String VAD_OFFSET_MS = "vad_offset_ms";
    /** End of the user's speech → first sample of the robot's reply handed to the loudspeaker (ms). */
    public static final String VOICE_TO_VOICE_MS = "voice_to_voice_ms";
    /**
     * {@link #VOICE_TO_VOICE_MS} of the turns whose words made a command that could not grow ("stop",
     * "go to the kitchen", "go forward ten meters"), answered without waiting for more.
     */
    public static final String VOICE_TO_VOICE_FINAL_MS = "voice_to_voice_final_ms";
    /** {@link #VOICE_TO_VOICE_MS} of the turns whose command could still grow ("turn left"): answered after the extension window. */
    public static final String VOICE_TO_VOICE_EXTENDABLE_MS = "voice_to_voice_extendable_ms";
    /** {@link #VOICE_TO_VOICE_MS} of the turns whose words were unfinished ("go to the"): answered after the wait for the rest. */
    public static final String VOICE_TO_VOICE_INCOMPLETE_MS = "voice_to_voice_incomplete_ms";
    /** Onset of the user's speech over the robot → last robot sample played (ms). */
    public static final String BARGE_IN_STOP_MS = "barge_in_stop_ms";
    /** End of the user's speech → final transcript published (ms). */
    public static final String ASR_FINAL_MS = "asr_final_ms";
    /**
     * End of the user's speech → the decision to answer published (ms): recognition, the wait for the
     * rest of a command and the model's step. Live only ({@link LiveMeasures}).
     */
    public static final String END_OF_TURN_MS = "end_of_turn_ms";
    /** Decision to say something → its first sample handed to the loudspeaker (ms). */
    public static final String TTS_FIRST_AUDIO_MS = "tts_first_audio_ms";
    /**
     * First frame where a watch's condition holds by the ground truth (not before the watch was
     * made) → first robot audio sample of its alert.
     */
    public static final String WATCH_LATENCY_MS = "watch_latency_ms";

    private Measure() {
    }
}
