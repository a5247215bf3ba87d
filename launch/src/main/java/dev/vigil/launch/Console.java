package dev.vigil.launch;

import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.launch.replay.Report;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/** What a person sees in the terminal: the live timeline and the closing summary. */
final class Console {

    private Console() {
    }

    /** Prints each decision as it is made, stamped with scenario time. */
    static Consumer<Object> timeline(PrintStream out) {
        return event -> {
            String line;
            if (event instanceof VoiceStarted s) {
                line = String.format("%8.3f s  LISTEN  ▶ user voice started  (onset %.3f s, p=%.2f%s)",
                        s.detectedNanos() / 1e9, s.onsetNanos() / 1e9, s.probability(),
                        s.duringRobotSpeech() ? ", over the robot's voice" : "");
            } else if (event instanceof VoiceStopped s) {
                line = String.format("%8.3f s  LISTEN  ■ user voice stopped  (%.2f s of speech)",
                        s.detectedNanos() / 1e9, (s.endNanos() - s.onsetNanos()) / 1e9);
            } else if (event instanceof RobotSpeaking r) {
                line = r.speaking()
                        ? String.format("%8.3f s  SPEAK   ▶ robot speaking%s", r.atNanos() / 1e9,
                                r.text().isEmpty() ? "" : ": \"" + r.text() + "\"")
                        : String.format("%8.3f s  SPEAK   ■ robot silent", r.atNanos() / 1e9);
            } else if (event instanceof ComponentError e) {
                line = String.format("%8.3f s  ERROR   %s: %s", e.atNanos() / 1e9, e.component(), e.message());
            } else {
                return;
            }
            out.println(line);
        };
    }

    static void summary(PrintStream out, Report r) {
        out.printf("%nscenario %s (%s speed, AEC %s): %.1f s of audio in %.1f s (%.0fx real time)%n",
                r.scenario(), r.speed(), r.aec() ? "on" : "off", r.durationS(), r.processing().wallS(),
                r.processing().realtimeFactor());
        long user = r.voiceSegments().stream().filter(v -> v.kind().equals("user")).count();
        row(out, "voice segments", String.format("%d detected: %d user, %d self-interruptions, %d false detections",
                r.voiceSegments().size(), user, r.selfInterruptions(), r.falseDetections()));
        row(out, "true user speech", String.format("%d segments, %d missed", r.truthSegments().size(), r.missedUserSpeech()));
        for (Map.Entry<String, dev.vigil.agent.measure.Summary> m : r.measures().entrySet()) {
            row(out, m.getKey(), m.getValue().toString());
        }
        row(out, "echo rejected", r.echoRejectedWindows() + " windows judged the robot's own voice");
        row(out, "dropped audio", String.format("%.0f ms", r.droppedAudioMs()));
        row(out, "errors", r.errors().isEmpty() ? "none" : r.errors().size() + " (first: " + r.errors().get(0).component()
                + ": " + r.errors().get(0).message() + ")");
        for (Report.ExpectationResult e : r.expectations()) {
            row(out, e.passed() ? "expect  ok" : "expect  FAILED",
                    e.expect() + " = " + e.expected() + " (got " + e.actual() + ")");
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-18s %s%n", label, value);
    }
}
