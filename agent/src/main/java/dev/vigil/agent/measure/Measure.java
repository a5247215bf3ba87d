package dev.vigil.agent.measure;

/** Measure names as they appear in reports and telemetry. Definitions: docs/report.md. */
public final class Measure {

    /** Detected voice onset − true speech onset (ms): how late voice-started fires. */
    public static final String VAD_ONSET_MS = "vad_onset_ms";
    /** Detected voice end decision − true speech end (ms): how late voice-stopped fires. */
    public static final String VAD_OFFSET_MS = "vad_offset_ms";

    private Measure() {
    }
}
