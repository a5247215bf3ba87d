package dev.vigil.policy.safety;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.StopSpeaking;
import dev.vigil.agent.testing.BusHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.vigil.agent.testing.BusHarness.seconds;
import static dev.vigil.agent.testing.Messages.finalTranscript;
import static dev.vigil.agent.testing.Messages.partial;
import static org.assertj.core.api.Assertions.assertThat;

class StopFastPathTest {

    private final BusHarness bus = new BusHarness();

    @BeforeEach
    void start() {
        bus.deploy(new StopFastPath()).record(Addresses.STOP_SPEAKING, Addresses.INTENTS);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void theFirstPartialThatSaysStopStopsSpeechAndPublishesAStopIntent() {
        bus.send(Addresses.TRANSCRIPTS, partial("wait stop", 3.0, 3.4));
        assertThat(bus.published(Addresses.STOP_SPEAKING, StopSpeaking.class)).singleElement()
                .isEqualTo(new StopSpeaking("stop", seconds(3.4)));
        assertThat(bus.published(Addresses.INTENTS, Intent.class)).singleElement().satisfies(intent -> {
            assertThat(intent.intent()).isEqualTo("stop");
            assertThat(intent.priority()).isEqualTo(255);
            assertThat(intent.atNanos()).isEqualTo(seconds(3.4));
        });
    }

    @Test
    void oneStopPerUtteranceHoweverManyResultsRepeatIt() {
        bus.send(Addresses.TRANSCRIPTS, partial("stop", 3.0, 3.3));
        bus.send(Addresses.TRANSCRIPTS, partial("stop right", 3.0, 3.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("stop right there", 3.0, 3.8));
        assertThat(bus.published(Addresses.INTENTS)).hasSize(1);
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("stop", 6.0, 6.4));
        assertThat(bus.published(Addresses.INTENTS)).as("a new utterance").hasSize(2);
    }

    @Test
    void wordsThatOnlyContainStopDoNotStop() {
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("don't stop", 1.0, 1.5));
        bus.send(Addresses.TRANSCRIPTS, finalTranscript("go to the bus stop", 2.0, 3.0));
        assertThat(bus.published(Addresses.STOP_SPEAKING)).isEmpty();
        assertThat(bus.published(Addresses.INTENTS)).isEmpty();
    }
}
