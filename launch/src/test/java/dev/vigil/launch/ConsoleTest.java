package dev.vigil.launch;

import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.WatchUpdate;
import dev.vigil.launch.replay.RunLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline where the terminal is not UTF-8 (issue "Solid ground", item 4: every symbol came out "?"). */
class ConsoleTest {

    @Test
    void linesCarryTheirArrivalSoTheyComeInTimeOrderAndSayWhenTheFrameWasCaptured() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        var timeline = Console.timeline(out);
        timeline.accept(new RunLog.Stamped<>(new Intent("watch_fired", "{}", "__myself__", "__modality_speech__", 128, 1f, 49_916_000_000L),
                49_916_000_000L));
        timeline.accept(new RunLog.Stamped<>(new WatchUpdate(WatchUpdate.FIRED, "w1", "tell me when we reach floor 16",
                "text shows \"16\"", "We've reached floor 16.", 49_400_000_000L), 49_916_000_000L));
        timeline.accept(new VoiceStarted(1, 2, 0.9f, false));   // not stamped: not the timeline's
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "  49.916 s  INTENT  watch_fired {} (confidence 1.00)",
                "  49.916 s  WATCH   w1 fired: text shows \"16\" (seen in the frame captured at 49.400 s)");
    }

    @Test
    void anAsciiTerminalGetsAsciiStandIns() {
        assertThat(Console.canEncode("US-ASCII")).isFalse();
        assertThat(Console.canEncode("ANSI_X3.4-1968")).as("Java 17's name for it under LANG=C").isFalse();
        assertThat(Console.canEncode("UTF-8")).isTrue();
        assertThat(Console.canEncode("no-such-charset")).isFalse();
        assertThat(Console.ascii("  11.340 s  SPEAK   ✂ cut after \"Okay\" ... ▶ ■ ⏸ ✓ ✗"))
                .isEqualTo("  11.340 s  SPEAK   x cut after \"Okay\" ... > # || + -")
                .matches("\\p{ASCII}*");
    }
}
