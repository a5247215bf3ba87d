package dev.vigil.launch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue "The agent converses": its acceptance criteria, through the command a user runs, at full speed. */
class ConversesAcceptanceTest {

    private static final Set<String> MOTION = Set.of("move", "turn", "go_to", "come_here", "follow_me");

    @TempDir
    Path dir;

    private JsonNode replay(int expectedExit, Path scenario) throws Exception {
        Path report = dir.resolve("report.json");
        Cli result = Cli.run("replay", scenario.toString(), "--report", report.toString());
        assertThat(result.exit()).as("exit code; output:\n" + result.out() + result.err()).isEqualTo(expectedExit);
        return Cli.report(report);
    }

    @Test
    void theDemoConversationHoldsTogether() throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/demo.yaml"));
        assertThat(r.get("self_interruptions").asInt()).isZero();
        assertThat(r.at("/measures/barge_in_stop_ms/median").asDouble()).as("barge-in stop median (ms)").isLessThanOrEqualTo(200);
        List<JsonNode> bargeIns = list(r.get("barge_ins"));
        assertThat(bargeIns).anySatisfy(b -> assertThat(b.get("false_interruption").asBoolean()).isTrue());
        assertThat(bargeIns).anySatisfy(b -> assertThat(b.get("false_interruption").asBoolean()).isFalse());
        // The cough does not lose the answer: after the cut, the rest of it is said.
        List<JsonNode> utterances = list(r.get("utterances"));
        assertThat(utterances).anySatisfy(u -> {
            assertThat(u.get("truncated").asBoolean()).isFalse();
            assertThat(u.get("text").asText()).contains("stop whenever you say stop");
        });
        assertThat(r.at("/measures/voice_to_voice_ms/count").asInt()).isPositive();
    }

    @Test
    void twentyCommandsGiveAtLeastNineteenRightIntentsAndNoWrongMotion() throws Exception {
        JsonNode r = Cli.report(reportOf(Cli.project().resolve("scenarios/commands.yaml")));
        long right = list(r.get("expectations")).stream().filter(e -> e.get("passed").asBoolean()).count();
        // 19 since Whisper is prompted with the robot's words; the 20th ("move back two meters") is
        // asked back with the right roles (docs/performance.md).
        assertThat(right).as("commands whose intent came out right").isGreaterThanOrEqualTo(19);
        // Every motion intent published must be the one expected at that time.
        List<JsonNode> expected = list(r.get("expectations"));
        for (JsonNode intent : list(r.get("intents"))) {
            if (MOTION.contains(intent.get("intent").asText())) {
                double t = intent.get("t_s").asDouble();
                assertThat(expected).as("a motion intent %s at %.2f s that no command asked for", intent, t)
                        .anySatisfy(e -> {
                            assertThat(e.get("expected").asText()).startsWith(intent.get("intent").asText());
                            assertThat(e.get("passed").asBoolean()).isTrue();
                            assertThat(e.get("actual").toString()).contains("@" + t);
                        });
            }
        }
    }

    @Test
    void garbledAndOutOfDomainSpeechNeverMovesTheRobot() throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/garbled.yaml"));
        assertThat(list(r.get("intents"))).noneSatisfy(i -> assertThat(MOTION).contains(i.get("intent").asText()));
    }

    /**
     * Requests outside the grammar: the grammar hears nothing, the open tier (Whisper) hears the words,
     * and the robot answers each one rather than staying silent; nothing moves.
     */
    @Test
    void requestsOutsideTheGrammarAreHeardByTheOpenTierAndAnswered() throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/free-speech.yaml"));
        List<JsonNode> finals = list(r.get("transcripts")).stream().filter(t -> t.get("is_final").asBoolean()).toList();
        assertThat(finals).extracting(t -> t.get("text").asText())
                .contains("could you book me a taxi to the airport", "how many moons does jupiter have");
        assertThat(list(r.get("utterances"))).as("one answer per request").hasSize(3);
        assertThat(list(r.get("intents"))).noneSatisfy(i -> assertThat(MOTION).contains(i.get("intent").asText()));
    }

    /**
     * Speech the grammar forces onto its commands (both of its decoders agreeing) moves nothing: the
     * open tier heard other words, or another number, and the robot answers or asks; the one motion is
     * the one the user confirmed.
     */
    @Test
    void theGrammarsForcedCommandsAreCheckedByTheOpenTier() throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/two-tiers.yaml"));
        assertThat(list(r.get("intents"))).filteredOn(i -> MOTION.contains(i.get("intent").asText()))
                .singleElement().satisfies(i -> assertThat(i.get("data").toString())
                        .isEqualTo("{\"direction\":\"forward\",\"distance\":200}"));
    }

    /**
     * Backchannels and coughs over the robot's answers are neither requests nor replies (issue
     * "understands free speech", acceptance): five "what can you do" answered once each, and over them
     * "mm hmm", "uh huh", "okay" and two coughs. "okay" came out of the grammar as "okay go" and was
     * answered "Sorry, I didn't catch that." until Whisper's "okay" counted as a backchannel; awb's
     * "uh huh" came out as "so help" (grammar) and "no no" (Whisper), and was answered as "help"
     * until words the two tiers share nothing of stopped taking the floor over the robot.
     */
    @ParameterizedTest
    @ValueSource(strings = {"slt", "awb"})
    void backchannelsOverAnAnswerAreNeitherRequestsNorReplies(String voice) throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/floor/backchannel-over-reply-" + voice + ".yaml"));
        assertThat(list(r.get("intents"))).extracting(i -> i.get("intent").asText())
                .containsExactly("what_can_you_do", "what_can_you_do", "what_can_you_do", "what_can_you_do",
                        "what_can_you_do");
        assertThat(list(r.get("utterances"))).as("the five answers and nothing else")
                .extracting(u -> u.get("text").asText()).hasSize(5).allSatisfy(t -> assertThat(t).startsWith("I can"));
        assertThat(list(r.get("barge_ins"))).as("the okay at 48 s: the answer resumed")
                .filteredOn(b -> b.get("t_s").asDouble() > 48 && b.get("t_s").asDouble() < 49.5)
                .singleElement().satisfies(b -> assertThat(b.get("false_interruption").asBoolean()).isTrue());
    }

    /**
     * Watch requests ("give me a shout once the screen shows ready") are heard word for word by the
     * open tier (heard_contains also reads Whisper's words where the grammar forced its own onto
     * them), and move nothing. The acceptance asks all of them exactly, and all 4 are since Whisper is
     * given the robot's words as its prompt (before, it wrote "warm me if the light turns red" for
     * slt's "warn me"; docs/performance.md). Each makes its watch: a misheard lead-in word would still
     * be read as the watch word it sounds like (CMU dictionary).
     */
    @Test
    void watchRequestsAreHeardWordForWordAndMoveNothing() throws Exception {
        Path report = dir.resolve("report.json");
        Cli.run("replay", Cli.project().resolve("scenarios/watch-requests.yaml").toString(), "--report", report.toString());
        JsonNode r = Cli.report(report);
        assertThat(list(r.get("expectations"))).filteredOn(e -> e.get("expect").asText().equals("heard_contains"))
                .as("watch requests heard exactly").hasSize(4)
                .allSatisfy(e -> assertThat(e.get("passed").asBoolean()).as(e.toString()).isTrue());
        assertThat(list(r.get("utterances"))).extracting(u -> u.get("text").asText()).containsExactly(
                "Okay, I'll tell you when the screen shows ready.", "Okay, I'll tell you when we reach floor 16.",
                "Okay, I'll tell you when someone comes through the door.", "Okay, I'll tell you when the light turns red.");
        assertThat(list(r.get("intents"))).noneSatisfy(i -> assertThat(MOTION).contains(i.get("intent").asText()));
        assertThat(r.get("self_interruptions").asInt()).isZero();
    }

    /**
     * A TV 20 dB below the user talks through the conversation, under the user's commands and the
     * robot's long answer (issue "understands free speech", item 5): once the user has taken a turn it
     * starts no segment and gets no answer, and the commands said over it are acted on. Without the
     * rule the TV's speech merged with the requests into segments of 4.5–11.4 s, and of the four
     * requests after "hello" one was asked back and none acted on.
     */
    @Test
    void backgroundSpeechIsNotAnsweredAndCommandsOverItAreActedOn() throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/background-speech.yaml"));
        assertThat(r.get("background_detections").asInt()).isZero();
        assertThat(list(r.get("voice_segments"))).allSatisfy(v -> assertThat(v.get("kind").asText()).isEqualTo("user"));
        assertThat(list(r.get("intents"))).extracting(i -> i.get("intent").asText())
                .containsExactly("greet", "move", "what_can_you_do", "follow_me", "turn");
        assertThat(r.at("/telemetry/vigil.voice.background_rejected").asLong()).as("windows judged background").isPositive();
    }

    /**
     * A radio talk show 20 dB below the user (its half-second levels reach 13 dB below) talks on
     * through seven requests, the robot's long answer and its replies. It starts no segment of its
     * own, pauses the robot nowhere and gets no answer; each request is acted on or asked back with
     * its own roles (the issue counts a confirmation naming the right intent and roles as right), six
     * of them at least acted on, and nothing else moves the robot. Regressed once unnoticed (docs/performance.md, "Background
     * speech"): 10 segments, the radio answered three times, no request acted on.
     */
    @Test
    void aRadioBehindTheUserIsNeitherAnsweredNorHeardAsTheUser() throws Exception {
        JsonNode r = replay(1, Cli.project().resolve("scenarios/background-speech-radio.yaml"));
        assertThat(r.get("background_detections").asInt()).isZero();
        assertThat(r.get("missed_user_speech").asInt()).isZero();
        assertThat(list(r.get("voice_segments"))).hasSize(7)
                .allSatisfy(v -> assertThat(v.get("kind").asText()).isEqualTo("user"));
        List<String> intents = list(r.get("intents")).stream()
                .map(i -> i.get("intent").asText() + " " + i.get("data").toString()).toList();
        List<String> said = list(r.get("utterances")).stream().map(u -> u.get("text").asText()).toList();
        String[][] requests = {
                {"greet ", "Hello! How can I help?"},
                {"go_to {\"goal\":\"kitchen\"}", "Did you want me to go to the kitchen?"},
                {"what_can_you_do {}", "I can move forward"},
                {"come_here ", "Did you want me to come to you?"},
                {"move {\"direction\":\"backward\",\"distance\":1}", "Did you want me to move backward one meter?"},
                {"turn {\"direction\":\"right\"}", "Did you want me to turn right?"},
                {"stop {}", "Stopping."},
        };
        for (String[] request : requests) {
            assertThat(intents.stream().anyMatch(i -> i.startsWith(request[0]))
                    || said.stream().anyMatch(s -> s.startsWith(request[1])))
                    .as("%s acted on or asked back; intents %s, said %s", request[0], intents, said).isTrue();
        }
        // Acted on, not only asked back: the grammar hears a command over the radio once the radio
        // talking on after it is silenced (TailGate), and Whisper's same reading stands in for the
        // strict decoder (IntentRecognizer.corroborated). 4 of 7 before, 6 since (2026-12-03).
        assertThat(java.util.Arrays.stream(requests).filter(q -> intents.stream().anyMatch(i -> i.startsWith(q[0]))))
                .as("requests acted on; intents %s, said %s", intents, said).hasSizeGreaterThanOrEqualTo(6);
        assertThat(intents).as("nothing but the requests").allSatisfy(i -> assertThat(
                java.util.Arrays.stream(requests).anyMatch(q -> i.startsWith(q[0]))).isTrue());
        assertThat(said).as("nothing answered the radio").noneMatch(s -> s.contains("can't do that")
                || s.contains("didn't catch")).filteredOn(s -> s.startsWith("Hello")).hasSize(1);
        assertThat(r.get("self_interruptions").asInt()).isZero();
    }

    /**
     * Questions about the robot itself ("where are you heading", "what are you busy with") are
     * answered from what the agent knows: the motion last asked for, until a stop.
     */
    /**
     * A quiet speaker, five requests at -50 dBFS (issue "understands free speech", acceptance): each
     * heard word for word and acted on or answered. Before, Whisper heard slt's "go forward two meters"
     * as "don't worry we're doing these" (Speex's suppression stage took the consonants, with no echo to
     * remove) and the grammar as "go forward zero meters".
     */
    @Test
    void aQuietSpeakerIsHeardAndAnswered() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/pocketsphinx/test/data/goforward.raw")),
                "Debian package pocketsphinx-testdata is not installed");
        JsonNode r = replay(0, Cli.project().resolve("scenarios/quiet-speech.yaml"));
        assertThat(list(r.get("intents"))).extracting(i -> i.get("intent").asText() + " " + i.get("data"))
                .containsExactly("move {\"direction\":\"forward\",\"distance\":2}", "what_can_you_do {}",
                        "turn {\"direction\":\"right\"}", "move {\"direction\":\"forward\",\"distance\":10}");
        assertThat(list(r.get("utterances"))).as("one answer per request").hasSize(5);
    }

    @Test
    void questionsAboutTheRobotAreAnsweredFromItsOwnState() throws Exception {
        JsonNode r = replay(0, Cli.project().resolve("scenarios/own-state.yaml"));
        assertThat(list(r.get("utterances"))).extracting(u -> u.get("text").asText()).containsSubsequence(
                "I'm not going anywhere.", "Going to the kitchen.", "I'm going to the kitchen.",
                "I'm going to the kitchen.", "Nothing right now. I'm listening.");
    }

    @Test
    void realHumanSpeechWithACardsGrammar() throws Exception {
        Path cards = Path.of("/usr/share/pocketsphinx/test/data/cards");
        assumeTrue(Files.isDirectory(cards), "Debian package pocketsphinx-testdata is not installed");
        List<String> truth = Files.readAllLines(cards.resolve("cards.transcription")).stream()
                .map(l -> l.replaceAll("</?s>|\\(.*\\)", "").trim()).toList();
        int right = 0;
        for (int i = 1; i <= 5; i++) {
            Path scenario = dir.resolve("cards-" + i + ".yaml");
            Files.writeString(scenario, String.format("""
                    asr: {grammar: %s}
                    mic: [{at: 0.5, file: %s}]
                    expect: [{transcript_contains: "%s"}]
                    """, cards.resolve("cards.gram"), cards.resolve(String.format("%03d.wav", i)), truth.get(i - 1)));
            Path report = dir.resolve("cards-" + i + ".json");
            Cli result = Cli.run("replay", scenario.toString(), "--report", report.toString());
            assertThat(result.exit()).as(result.err()).isIn(0, 1);
            right += Cli.report(report).get("passed").asBoolean() ? 1 : 0;
        }
        assertThat(right).as("cards clips transcribed exactly").isGreaterThanOrEqualTo(4);
    }

    private Path reportOf(Path scenario) {
        Path report = dir.resolve(scenario.getFileName() + ".json");
        Cli result = Cli.run("replay", scenario.toString(), "--report", report.toString());
        assertThat(result.exit()).as(result.err()).isIn(0, 1);
        return report;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
