package dev.vigil.launch;

import dev.vigil.agent.message.ComponentError;
import dev.vigil.agent.message.BargeIn;
import dev.vigil.agent.message.FalseInterruption;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.RobotSpeaking;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.UnitDeadlineMissed;
import dev.vigil.agent.message.UtterancePlayed;
import dev.vigil.launch.replay.RunLog;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.launch.replay.Report;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/** What a person sees in the terminal: the live timeline and the closing summary. */
final class Console {

    private Console() {
    }

    /**
     * Prints each decision as it is made ({@code RunLog.Stamped} events), stamped with the session time
     * it arrived at: lines come in time order. Where the moment it describes lies earlier (the frame
     * a watch fired on, a voice's onset), the line says so.
     */
    static Consumer<Object> timeline(PrintStream out) {
        return event -> {
            if (!(event instanceof RunLog.Stamped<?> stamped)) {
                return;
            }
            double t = stamped.atNanos() / 1e9;
            Object m = stamped.message();
            String line;
            if (m instanceof VoiceStarted s) {
                line = String.format("%8.3f s  LISTEN  ▶ user voice started  (onset %.3f s, p=%.2f%s)",
                        t, s.onsetNanos() / 1e9, s.probability(), s.duringRobotSpeech() ? ", over the robot's voice" : "");
            } else if (m instanceof VoiceStopped s) {
                line = String.format("%8.3f s  LISTEN  ■ user voice stopped  (%.2f s of speech)",
                        t, (s.endNanos() - s.onsetNanos()) / 1e9);
            } else if (m instanceof RobotSpeaking r) {
                line = r.speaking()
                        ? String.format("%8.3f s  SPEAK   ▶ robot speaking%s", t,
                                r.text().isEmpty() ? "" : ": \"" + r.text() + "\"")
                        : String.format("%8.3f s  SPEAK   ■ robot silent", t);
            } else if (m instanceof Transcript tr) {
                if (!tr.isFinal()) {
                    return;
                }
                line = String.format("%8.3f s  HEARD   \"%s\"%s%s", t, tr.text(),
                        tr.text().isBlank() ? " (no words)" : String.format(" (confidence %.2f)", tr.confidence()),
                        tr.tier() == Transcript.Tier.OPEN ? " by Whisper, the grammar heard no words"
                                : tr.openText() == null ? "" : " Whisper: \"" + tr.openText() + "\"");
            } else if (m instanceof Intent i) {
                line = String.format("%8.3f s  INTENT  %s %s (confidence %.2f)", t, i.intent(), i.data(), i.confidence());
            } else if (m instanceof UtterancePlayed u && u.playedMillis() == 0) {
                line = String.format("%8.3f s  SPEAK   ✗ dropped before it played: \"%s\"", t, u.text());
            } else if (m instanceof UtterancePlayed u) {
                line = String.format("%8.3f s  SPEAK   %s \"%s\"%s", t,
                        u.truncated() ? "✂ cut after" : "✓ said", u.truncated() ? u.playedText() : u.text(),
                        u.truncated() ? String.format(" (%d ms of it played)", u.playedMillis()) : "");
            } else if (m instanceof BargeIn b) {
                line = String.format("%8.3f s  FLOOR   ⏸ barge-in: the user spoke, the robot paused", t);
            } else if (m instanceof FalseInterruption f) {
                line = String.format("%8.3f s  FLOOR   ▶ no words came: false interruption, the robot plays on", t);
            } else if (m instanceof UnitDeadlineMissed d) {
                line = String.format("%8.3f s  MODEL   unit %d not started in time (%.0f ms late)%s",
                        t, d.unitIndex(), d.waitedNanos() / 1e6, d.skipped() ? ", skipped" : "");
            } else if (m instanceof ComponentError e) {
                line = String.format("%8.3f s  ERROR   %s: %s", t, e.component(), e.message());
            } else if (m instanceof WatchUpdate w) {
                line = String.format("%8.3f s  WATCH   %s %s: %s (%s)", t, w.id(), w.change(), w.condition(),
                        w.change().equals(WatchUpdate.FIRED)
                                ? String.format("seen in the frame captured at %.3f s", w.atNanos() / 1e9)
                                : "\"" + w.text() + "\"");
            } else {
                return;
            }
            out.println(UNICODE_OUT ? line : ascii(line));
        };
    }

    /** The timeline's symbols, and what stands for them where the terminal cannot show them. */
    private static final String[][] GLYPHS = {{"▶", ">"}, {"■", "#"}, {"⏸", "||"}, {"✂", "x"}, {"✓", "+"}, {"✗", "-"}};

    /**
     * Whether standard output can carry the symbols: under a C or POSIX locale Java 17 writes it in
     * US-ASCII, and every symbol came out as "?".
     */
    private static final boolean UNICODE_OUT = canEncode(System.getProperty("stdout.encoding",
            System.getProperty("sun.stdout.encoding", java.nio.charset.Charset.defaultCharset().name())));

    static boolean canEncode(String charset) {
        try {
            java.nio.charset.CharsetEncoder encoder = java.nio.charset.Charset.forName(charset).newEncoder();
            return java.util.Arrays.stream(GLYPHS).allMatch(g -> encoder.canEncode(g[0]));
        } catch (IllegalArgumentException e) {
            return false;   // an unknown or unsupported charset: the plain symbols are safe
        }
    }

    /** {@code line} with each symbol replaced by its ASCII stand-in. */
    static String ascii(String line) {
        String out = line;
        for (String[] g : GLYPHS) {
            out = out.replace(g[0], g[1]);
        }
        return out;
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
            if (m.getValue().count() > 0) {
                row(out, m.getKey(), m.getValue().toString());
            }
        }
        row(out, "echo rejected", r.echoRejectedWindows() + " windows judged the robot's own voice");
        row(out, "dropped audio", String.format("%.0f ms", r.droppedAudioMs()));
        if (!r.watches().isEmpty() || !r.observationsSummary().isEmpty()) {
            row(out, "watches", r.watches().size() + ": " + r.watches().stream().map(w -> w.id() + " " + w.condition()
                    + (w.firedS() != null ? " fired at " + w.firedS() + " s" : " not fired")).toList()
                    + "; false alarms " + r.falseAlarms());
            row(out, "vision", r.observationsSummary().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().frames() + " frames").toList()
                    + "; frames dropped (replaced before sampling) " + r.framesDropped());
        }
        row(out, "errors", r.errors().isEmpty() ? "none" : r.errors().size() + " (first: " + r.errors().get(0).component()
                + ": " + r.errors().get(0).message() + ")");
        if (r.respond()) {
            row(out, "intents", r.intents().size() + " published: " + r.intents().stream().map(Report.IntentEntry::intent).toList());
            row(out, "robot utterances", r.utterances().size() + ", " + r.utterances().stream().filter(Report.UtteranceEntry::truncated).count()
                    + " cut short; barge-ins " + r.bargeIns().size() + " ("
                    + r.bargeIns().stream().filter(Report.BargeInEntry::falseInterruption).count() + " false)");
            row(out, "model deadline", r.unitDeadlineMisses() == 0 ? "every unit in time"
                    : r.unitDeadlineMisses() + " units not started within their length");
        }
        for (Report.ExpectationResult e : r.expectations()) {
            row(out, e.passed() ? "expect  ok" : "expect  FAILED",
                    e.expect() + " = " + e.expected() + " (got " + e.actual() + ")");
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf("  %-18s %s%n", label, value);
    }
}
