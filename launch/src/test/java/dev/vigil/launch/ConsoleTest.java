package dev.vigil.launch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline where the terminal is not UTF-8 (issue "Solid ground", item 4: every symbol came out "?"). */
class ConsoleTest {

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
