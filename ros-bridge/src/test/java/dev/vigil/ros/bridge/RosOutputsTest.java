package dev.vigil.ros.bridge;

import dev.vigil.agent.bus.Addresses;
import dev.vigil.agent.bus.Codecs;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.message.VoiceStarted;
import dev.vigil.agent.message.VoiceStopped;
import dev.vigil.agent.message.UtteranceStarted;
import dev.vigil.ros.testing.CyclonePeer;
import dev.vigil.ros.transport.DdsTransport;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's bus messages reach a real ROS 2 peer (Cyclone DDS, in C) as ROS4HRI messages. */
class RosOutputsTest {

    private static final int DOMAIN = ThreadLocalRandom.current().nextInt(100, 200);
    private static Vertx vertx;
    private static DdsTransport ros;
    private static RosOutputs outputs;
    private static final RosTopics TOPICS = new RosTopics("/vigil_out_intents", "/vigil_out_utterance", "/vigil_out_speaking",
            "/vigil_out_voices", RosTopics.ANONYMOUS_SPEAKER);

    @BeforeAll
    static void start() throws Exception {
        CyclonePeer.prepareLoopback();
        vertx = Vertx.vertx();
        Codecs.registerAll(vertx.eventBus());
        ros = DdsTransport.open("vigil_outputs_test", DOMAIN, InetAddress.getLoopbackAddress());
        outputs = RosOutputs.open(ros, TOPICS);
        outputs.attach(vertx.eventBus());
    }

    @AfterAll
    static void stop() {
        outputs.close();
        ros.close();
        vertx.close();
    }

    @Test
    void aGoToIntentIsPublishedAsRos4HrisMoveTo() throws Exception {
        Intent goTo = new Intent("go_to", "{\"goal\":\"kitchen\"}", Intent.UNKNOWN_AGENT, Intent.MODALITY_SPEECH, 128, 0.9f, 0);
        try (CyclonePeer peer = CyclonePeer.start(DOMAIN, "sub-intent", TOPICS.intents(), "1", "30")) {
            peer.feedUntilDone(() -> vertx.eventBus().publish(Addresses.INTENTS, goTo));
            assertThat(peer.await(10)).as(peer.errors()).isZero();
            assertThat(peer.lines()).containsExactly("__intent_move_to__|{\"goal\":\"kitchen\"}|__unknown_agent__|__modality_speech__|128|0.9000");
        }
    }

    @Test
    void aVigilIntentWithoutAStandardNameKeepsItsOwn() throws Exception {
        Intent move = new Intent("move", "{\"direction\":\"forward\",\"distance\":10}", Intent.UNKNOWN_AGENT,
                Intent.MODALITY_SPEECH, 128, 0.81f, 0);
        try (CyclonePeer peer = CyclonePeer.start(DOMAIN, "sub-intent", TOPICS.intents(), "1", "30")) {
            peer.feedUntilDone(() -> vertx.eventBus().publish(Addresses.INTENTS, move));
            assertThat(peer.await(10)).as(peer.errors()).isZero();
            assertThat(peer.lines()).containsExactly("move|{\"direction\":\"forward\",\"distance\":10}|__unknown_agent__|__modality_speech__|128|0.8100");
        }
    }

    @Test
    void anUtteranceIsPublishedAsItStarts() throws Exception {
        try (CyclonePeer peer = CyclonePeer.start(DOMAIN, "sub-string", TOPICS.utterances(), "1", "30")) {
            UtteranceStarted started = new UtteranceStarted("robot-1", "Moving forward ten meters.", 0);
            peer.feedUntilDone(() -> vertx.eventBus().publish(Addresses.UTTERANCE_STARTED, started));
            assertThat(peer.await(10)).as(peer.errors()).isZero();
            assertThat(peer.lines()).containsExactly("Moving forward ten meters.");
        }
    }

    @Test
    void theUsersWordsAreLiveSpeechIncrementalThenFinalWithEveryField() throws Exception {
        assertThat(TOPICS.speech()).isEqualTo("/vigil_out_voices/anonymous_speaker/speech");
        Transcript partial = new Transcript("go forward", false, 0.5f, 1_000_000_000L, 1_600_000_000L, "en-US",
                Transcript.Tier.GRAMMAR, null);
        Transcript fin = new Transcript("go forward ten meters", true, 0.875f, 1_000_000_000L, 2_400_000_000L, "en-US",
                Transcript.Tier.GRAMMAR, "Go forward 10 meters.");
        Transcript cough = new Transcript("", true, 0f, 3_000_000_000L, 3_200_000_000L, "en-US", Transcript.Tier.GRAMMAR, null);
        Transcript warmUp = new Transcript("hello", false, 0.5f, 0, 500_000_000L, "en-US", Transcript.Tier.GRAMMAR, null);
        String warmUpLine = "hello||0.5000|en-US";
        try (CyclonePeer peer = CyclonePeer.start(DOMAIN, "sub-speech", TOPICS.speech(), "50", "30", "matched")) {
            // The peer's reader matching the agent's writer says nothing of the writer having matched
            // the reader (discovery runs both ways), and a volatile writer sends to matched readers only:
            // a partial goes out until one arrives, then the words under test follow.
            for (int i = 0; i < 300 && !peer.lines().contains(warmUpLine); i++) {
                vertx.eventBus().publish(Addresses.TRANSCRIPTS, warmUp);
                Thread.sleep(50);
            }
            vertx.eventBus().publish(Addresses.TRANSCRIPTS, partial);
            vertx.eventBus().publish(Addresses.TRANSCRIPTS, cough);
            vertx.eventBus().publish(Addresses.TRANSCRIPTS, fin);
            String finalLine = "|go forward ten meters|0.8750|en-US";
            for (int i = 0; i < 200 && !peer.lines().contains(finalLine); i++) {
                Thread.sleep(50);
            }
            List<String> lines = peer.lines();
            assertThat(lines).as(peer.errors()).contains(warmUpLine, finalLine);
            assertThat(lines.subList(lines.lastIndexOf(warmUpLine) + 1, lines.size()))
                    .as("after the link is up: the partial, no line for the empty final, the final")
                    .containsExactly("go forward||0.5000|en-US", finalLine);
        }
    }

    @Test
    void theVoiceIsTrackedAndSaysWhenItSpeaks() throws Exception {
        try (CyclonePeer tracked = CyclonePeer.start(DOMAIN, "sub-ids", TOPICS.tracked(), "2", "30");
             CyclonePeer speaking = CyclonePeer.start(DOMAIN, "sub-bool", TOPICS.isSpeaking(), "4", "30", "matched")) {
            // The peer's reader has matched the agent's writer, but the writer may not have matched the
            // reader yet (discovery runs both ways), and a volatile writer sends to matched readers
            // only: the voice starts and stops again until four changes arrived.
            for (int turn = 0; turn < 50 && speaking.lines().size() < 4; turn++) {
                long at = (turn + 1) * 3_000_000_000L;
                vertx.eventBus().publish(Addresses.VOICE_STARTED, new VoiceStarted(at, at + 100_000_000L, 0.9f, false));
                vertx.eventBus().publish(Addresses.VOICE_STOPPED, new VoiceStopped(at, at + 1_000_000_000L, at + 1_200_000_000L));
                Thread.sleep(200);
            }
            assertThat(speaking.await(10)).as(speaking.errors()).isZero();
            List<String> changes = speaking.lines().get(0).equals("false")
                    ? speaking.lines().subList(1, 4) : speaking.lines().subList(0, 4);
            assertThat(changes).as("each start then its stop, from the first start received")
                    .startsWith("true", "false");
            assertThat(speaking.lines()).as("a change each time, never the same twice").doesNotContainSequence("true", "true")
                    .doesNotContainSequence("false", "false");
            assertThat(tracked.await(10)).as("two lists, a second apart: " + tracked.errors()).isZero();
            assertThat(tracked.lines()).containsExactly("anonymous_speaker", "anonymous_speaker");
        }
    }
}
