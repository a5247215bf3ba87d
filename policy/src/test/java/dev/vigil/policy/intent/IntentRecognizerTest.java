package dev.vigil.policy.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Transcript;
import dev.vigil.policy.intent.Interpretation.Confirm;
import dev.vigil.policy.intent.Interpretation.NotUnderstood;
import dev.vigil.policy.intent.Interpretation.Understood;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The recogniser with the real embedding model, on the phrases the ASR is tuned for and beyond. */
class IntentRecognizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static IntentRecognizer recognizer;

    @BeforeAll
    static void open() throws Exception {
        long t0 = System.nanoTime();
        recognizer = new IntentRecognizer();
        System.out.printf("IntentRecognizer loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    private static Transcript heard(String text) {
        return heard(text, 0.95f);
    }

    private static Transcript heard(String text, float confidence) {
        return new Transcript(text, true, confidence, 1_000_000_000L, 2_500_000_000L, "en-US");
    }

    private static Interpretation interpret(String text) {
        return recognizer.interpret(heard(text));
    }

    /** Every field of {@code expected} is in {@code data} with the same value, as scenarios match. */
    private static void assertDataContains(String data, String expected) throws Exception {
        JsonNode actual = JSON.readTree(data);
        JsonNode wanted = JSON.readTree(expected);
        for (Map.Entry<String, JsonNode> e : wanted.properties()) {
            assertThat(actual.get(e.getKey())).as("data %s, key %s", data, e.getKey()).isNotNull();
            if (e.getValue().isNumber()) {
                assertThat(actual.get(e.getKey()).asDouble()).as(data).isEqualTo(e.getValue().asDouble());
            } else {
                assertThat(actual.get(e.getKey())).as(data).isEqualTo(e.getValue());
            }
        }
    }

    private static Understood understood(String text, String intent, String data) throws Exception {
        Interpretation i = interpret(text);
        assertThat(i).as(text).isInstanceOf(Understood.class);
        Understood u = (Understood) i;
        assertThat(u.intent().intent()).as(text).isEqualTo(intent);
        assertDataContains(u.intent().data(), data);
        return u;
    }

    // The phrase list the ASR is tuned for: every one must be understood, with these roles.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "go forward ten meters               | move            | {\"direction\":\"forward\",\"distance\":10}",
        "move back two meters                | move            | {\"direction\":\"backward\",\"distance\":2}",
        "stop                                | stop            | {}",
        "turn left                           | turn            | {\"direction\":\"left\"}",
        "turn right                          | turn            | {\"direction\":\"right\"}",
        "could you rotate a bit to your left | turn            | {\"direction\":\"left\"}",
        "come here                           | come_here       | {\"goal\":\"__unknown_agent__\"}",
        "follow me                           | follow_me       | {\"recipient\":\"__unknown_agent__\"}",
        "go to the kitchen                   | go_to           | {\"goal\":\"kitchen\"}",
        "please take me to the meeting room  | go_to           | {\"goal\":\"meeting_room\"}",
        "hello robot                         | greet           | {\"recipient\":\"__unknown_agent__\"}",
        "hi there                            | greet           | {\"recipient\":\"__unknown_agent__\"}",
        "what can you do                     | what_can_you_do | {}",
        "say that again                      | repeat          | {}",
        "cancel that                         | cancel          | {}",
        "never mind                          | cancel          | {}",
        "walk forward three meters           | move            | {\"direction\":\"forward\",\"distance\":3}",
        "turn around                         | turn            | {\"direction\":\"around\"}",
        "head to the charging station        | go_to           | {\"goal\":\"charging_station\"}",
        "stop right there                    | stop            | {}",
        "could you come over here            | come_here       | {\"goal\":\"__unknown_agent__\"}",
        "good morning                        | greet           | {\"recipient\":\"__unknown_agent__\"}",
        "what are you able to do             | what_can_you_do | {}",
        "move to the left one meter          | move            | {\"direction\":\"left\",\"distance\":1}",
    })
    void understandsThePhraseList(String text, String intent, String data) throws Exception {
        Understood u = understood(text, intent, data);
        Intent in = u.intent();
        assertThat(in.source()).isEqualTo(Intent.UNKNOWN_AGENT);
        assertThat(in.modality()).isEqualTo(Intent.MODALITY_SPEECH);
        assertThat(in.priority()).isEqualTo(intent.equals("stop") ? 255 : Intent.DEFAULT_PRIORITY);
        assertThat(in.confidence()).isBetween(0.5f, 0.95f);
        assertThat(in.atNanos()).isEqualTo(2_500_000_000L);
    }

    // Not in the exemplars nor the phrase list: the embedding has to generalise.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "please move ahead five meters                | move      | {\"direction\":\"forward\",\"distance\":5}",
        "rotate right                                 | turn      | {\"direction\":\"right\"}",
        "could you go to the office                   | go_to     | {\"goal\":\"office\"}",
        "drive forward two point five meters          | move      | {\"direction\":\"forward\",\"distance\":2.5}",
        "back up two meters                           | move      | {\"direction\":\"backward\",\"distance\":2}",
        "step to the right                            | move      | {\"direction\":\"right\"}",
        "move backwards twenty five meters            | move      | {\"direction\":\"backward\",\"distance\":25}",
        "move forward three feet                      | move      | {\"direction\":\"forward\",\"distance\":0.914}",
        "turn left ninety degrees                     | turn      | {\"direction\":\"left\",\"angle\":90}",
        "spin around                                  | turn      | {\"direction\":\"around\"}",
        "make a left turn                             | turn      | {\"direction\":\"left\"}",
        "take me to reception                         | go_to     | {\"goal\":\"reception\"}",
        "navigate to the front door please            | go_to     | {\"goal\":\"front_door\"}",
        "bring me to the lift                         | go_to     | {\"goal\":\"elevator\"}",
        "could you head over to the living room       | go_to     | {\"goal\":\"living_room\"}",
        "i want to go to the kitchen                  | go_to     | {\"goal\":\"kitchen\"}",
        "walk to the conference room                  | go_to     | {\"goal\":\"meeting_room\"}",
        "get over here                                | come_here | {}",
        "please follow me                             | follow_me | {}",
        "good evening                                 | greet     | {}",
        "pardon                                       | repeat    | {}",
        "forget it                                    | cancel    | {}",
        "don't move                                   | stop      | {}",
        "halt                                         | stop      | {}",
    })
    void generalisesToParaphrases(String text, String intent, String data) throws Exception {
        understood(text, intent, data);
    }

    /**
     * Phrases written after the recogniser was tuned, and never tuned on: most should be understood,
     * some may be questioned, none may be acted on wrongly.
     */
    @Test
    void heldOutPhrasesAreNeverActedOnWrongly() throws Exception {
        String[][] inDomain = {
            {"move forward", "move", "{\"direction\":\"forward\"}"},
            {"go backwards one meter", "move", "{\"direction\":\"backward\",\"distance\":1}"},
            {"could you please walk ahead two meters", "move", "{\"direction\":\"forward\",\"distance\":2}"},
            {"slide to the left a bit", "move", "{\"direction\":\"left\"}"},
            {"scoot over to the right", "move", "{\"direction\":\"right\"}"},
            {"drive back three meters", "move", "{\"direction\":\"backward\",\"distance\":3}"},
            {"turn to the right", "turn", "{\"direction\":\"right\"}"},
            {"rotate left", "turn", "{\"direction\":\"left\"}"},
            {"can you turn around please", "turn", "{\"direction\":\"around\"}"},
            {"pivot to your right", "turn", "{\"direction\":\"right\"}"},
            {"turn right by forty five degrees", "turn", "{\"direction\":\"right\",\"angle\":45}"},
            {"go to the elevator", "go_to", "{\"goal\":\"elevator\"}"},
            {"take me to the front desk", "go_to", "{\"goal\":\"reception\"}"},
            {"lead me to the living room", "go_to", "{\"goal\":\"living_room\"}"},
            {"i need to go to the office", "go_to", "{\"goal\":\"office\"}"},
            {"could you bring me to the entrance", "go_to", "{\"goal\":\"front_door\"}"},
            {"go to your charger", "go_to", "{\"goal\":\"charging_station\"}"},
            {"come over", "come_here", "{}"},
            {"come closer", "come_here", "{}"},
            {"please come here robot", "come_here", "{}"},
            {"follow me please", "follow_me", "{}"},
            {"walk with me", "follow_me", "{}"},
            {"hey there", "greet", "{}"},
            {"good afternoon robot", "greet", "{}"},
            {"hiya", "greet", "{}"},
            {"what are your skills", "what_can_you_do", "{}"},
            {"what kind of things can you do", "what_can_you_do", "{}"},
            {"could you say that one more time", "repeat", "{}"},
            {"i didn't hear that", "repeat", "{}"},
            {"cancel the last command", "cancel", "{}"},
            {"forget about it", "cancel", "{}"},
            {"stop stop", "stop", "{}"},
            {"halt right now", "stop", "{}"},
            {"please stop moving", "stop", "{}"},
        };
        String[] outOfDomain = {"what's the news today", "can you make coffee", "how tall is mount everest",
            "i love you", "switch on the television", "call a taxi", "what is your favourite colour",
            "order some groceries", "tell me a fun fact", "do you know any recipes", "water the plants",
            "lock the front door", "is the kitchen open", "who is in the meeting room"};
        int understood = 0;
        int asked = 0;
        for (String[] p : inDomain) {
            Interpretation i = interpret(p[0]);
            Intent intent = i instanceof Understood u ? u.intent() : i instanceof Confirm c ? c.candidate() : null;
            assertThat(intent).as(p[0] + " -> " + i).isNotNull();
            assertThat(intent.intent()).as(p[0]).isEqualTo(p[1]);
            assertDataContains(intent.data(), p[2]);
            if (i instanceof Understood) {
                understood++;
            } else {
                asked++;
            }
        }
        int declined = 0;
        for (String text : outOfDomain) {
            Interpretation i = interpret(text);
            assertThat(i instanceof Understood u && IntentKind.fromWireName(u.intent().intent()).orElseThrow().isMotion())
                    .as(text + " -> " + i).isFalse();
            if (i instanceof NotUnderstood) {
                declined++;
            }
        }
        System.out.printf("held-out: %d of %d in-domain understood, %d questioned, 0 wrong; %d of %d out-of-domain"
                + " declined, none acted on%n", understood, inDomain.length, asked, declined, outOfDomain.length);
        assertThat(understood).isGreaterThanOrEqualTo(inDomain.length * 8 / 10);
        assertThat(declined).isGreaterThanOrEqualTo(outOfDomain.length * 8 / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "what is the weather like today",
        "make me a sandwich",
        "sing me a song",
        "the cat sat on the mat",
        // A fair question, but about perception, which this recogniser has no intent for.
        "tell me about yourself and what you can see in this room",
        "turn on the lights",
        "bring me a coffee",
        "what time is it",
        "open the door",
        "where is the elevator",
    })
    void outOfDomainRequestsGetAnHonestNo(String text) {
        assertThat(interpret(text)).as(text).isEqualTo(new NotUnderstood(IntentRecognizer.CANT_DO));
    }

    @ParameterizedTest
    @CsvSource({
        "guide meet on the kitchen, go_to, '{\"goal\":\"kitchen\"}'",
        "escort sent on the meeting room, go_to, '{\"goal\":\"meeting_room\"}'",
        "take meat in the kitchen, go_to, '{\"goal\":\"kitchen\"}'",
    })
    void aCommandWithTwoStrayWordsThatClearlyMeansItIsAskedAbout(String text, String intent, String data)
            throws Exception {
        // Misheard words around the place ("escort meet on the front door"): not acted on, asked about.
        Interpretation i = recognizer.interpret(new Transcript(text, true, 0.5f, 1_000_000_000L, 2_500_000_000L,
                "en-US", Transcript.Tier.OPEN));
        assertThat(i).as(text).isInstanceOf(Confirm.class);
        assertThat(((Confirm) i).candidate().intent()).isEqualTo(intent);
        assertDataContains(((Confirm) i).candidate().data(), data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "uh", "um er", "the the the", "go the to", "left right left right",
        "kitchen turn the meters ten go", "room left follow here move"})
    void noiseIsNotCaught(String text) {
        assertThat(interpret(text)).as(text).isEqualTo(new NotUnderstood(IntentRecognizer.DIDNT_CATCH));
    }

    @Test
    void unknownPlacesAreSaidToBeUnknown() {
        assertThat(interpret("go to the bathroom")).isEqualTo(new NotUnderstood(IntentRecognizer.UNKNOWN_PLACE));
    }

    @Test
    void repliesAreShortAndSayTheRoles() throws Exception {
        assertThat(understood("go forward ten meters", "move", "{}").reply()).isEqualTo("Moving forward ten meters.");
        assertThat(understood("move back two meters", "move", "{}").reply()).isEqualTo("Moving backward two meters.");
        assertThat(understood("turn left", "turn", "{}").reply()).isEqualTo("Turning left.");
        assertThat(understood("turn around", "turn", "{}").reply()).isEqualTo("Turning around.");
        assertThat(understood("please take me to the meeting room", "go_to", "{}").reply())
                .isEqualTo("Going to the meeting room.");
        assertThat(understood("come here", "come_here", "{}").reply()).isEqualTo("Coming to you.");
        assertThat(understood("follow me", "follow_me", "{}").reply()).isEqualTo("Following you.");
        assertThat(understood("stop", "stop", "{}").reply()).isEqualTo("Stopping.");
        assertThat(understood("cancel that", "cancel", "{}").reply()).isEqualTo("Okay, cancelled.");
        assertThat(understood("hello robot", "greet", "{}").reply()).contains("Hello");
        assertThat(understood("what can you do", "what_can_you_do", "{}").reply())
                .isEqualTo("I can move forward, back, left or right, turn, go to places like the kitchen, the meeting room or"
                        + " the charging station, come to you, follow you, and stop whenever you say stop.")
                .contains("move", "turn", "kitchen", "follow", "stop");
        // The dialogue core repeats its own last utterance; the recogniser has nothing to say.
        assertThat(understood("say that again", "repeat", "{}").reply()).isEmpty();
    }

    @Test
    void halfHeardCommandsAreQuestionedNotActedOn() {
        assertThat(interpret("go forward ten")).isInstanceOfSatisfying(Confirm.class, c -> {
            assertThat(c.question()).isEqualTo("Did you want me to move forward ten meters?");
            assertThat(c.candidate().intent()).isEqualTo("move");
            assertThat(c.candidate().data()).isEqualTo("{\"direction\":\"forward\",\"distance\":10}");
        });
        assertThat(interpret("forward ten meters")).isInstanceOf(Confirm.class);
        assertThat(interpret("go to the kitchen and the office")).isInstanceOfSatisfying(Confirm.class,
                c -> assertThat(c.question()).isEqualTo("Did you want me to go to the kitchen?"));
    }

    @Test
    void lowAsrConfidenceTurnsAMotionIntoAQuestion() {
        Interpretation sure = recognizer.interpret(heard("turn left", 0.9f));
        Interpretation unsure = recognizer.interpret(heard("turn left", 0.4f));
        assertThat(sure).isInstanceOf(Understood.class);
        assertThat(unsure).isInstanceOfSatisfying(Confirm.class, c -> {
            assertThat(c.question()).isEqualTo("Did you want me to turn left?");
            assertThat(c.candidate().confidence()).isLessThan(0.5f);
        });
        // Stopping on a doubtful "stop" costs little, and not stopping on a real one a lot.
        assertThat(recognizer.interpret(heard("stop", 0.2f))).isInstanceOf(Understood.class);
        assertThat(recognizer.interpret(heard("hello robot", 0.4f))).isInstanceOf(Understood.class);
    }

    @Test
    void theSpeakerIsSourceAndRecipient() throws Exception {
        Understood u = (Understood) recognizer.interpret(heard("follow me"), "person_3");
        assertThat(u.intent().source()).isEqualTo("person_3");
        assertDataContains(u.intent().data(), "{\"recipient\":\"person_3\"}");
        Understood come = (Understood) recognizer.interpret(heard("come here"), "person_3");
        assertDataContains(come.intent().data(), "{\"goal\":\"person_3\"}");
    }

    @Test
    void otherLanguagesAreDeclined() {
        Transcript german = new Transcript("geh nach links", true, 0.9f, 0, 1, "de-DE");
        assertThat(recognizer.interpret(german)).isEqualTo(new NotUnderstood(IntentRecognizer.ENGLISH_ONLY));
        Transcript untagged = new Transcript("turn left", true, 0.9f, 0, 1, null);
        assertThat(recognizer.interpret(untagged)).isInstanceOf(Understood.class);
    }

    /**
     * The open tier's words (Whisper's) never move the robot by themselves: a command the grammar's
     * words would be acted on is asked about instead, and a "yes" to the question moves it. What does
     * not move (a stop, a question) is answered as from the grammar.
     */
    @ParameterizedTest
    @ValueSource(strings = {"turn left", "go forward 3 meters", "go to the kitchen", "follow me"})
    void theOpenTiersMotionCommandsAreAskedAboutNotActedOn(String text) {
        Transcript grammar = heard(text, 0.9f);
        Transcript open = new Transcript(text, true, 0.9f, grammar.startNanos(), grammar.endNanos(), "en",
                Transcript.Tier.OPEN);
        assertThat(recognizer.interpret(grammar)).as("the grammar's words").isInstanceOf(Understood.class);
        Interpretation heard = recognizer.interpret(open);
        assertThat(heard).as("Whisper's words").isInstanceOf(Confirm.class);
        assertThat(((Confirm) heard).candidate().intent())
                .isEqualTo(((Understood) recognizer.interpret(grammar)).intent().intent());
    }

    private static Transcript checked(String grammar, String open) {
        return heard(grammar, 0.9f).withOpenText(open);
    }

    @Test
    void aCommandBothTiersHeardAlikeIsActedOn() throws Exception {
        Interpretation i = recognizer.interpret(checked("go forward ten meters", "go forward 10 meters"));
        assertThat(i).isInstanceOf(Understood.class);
        assertDataContains(((Understood) i).intent().data(), "{\"direction\":\"forward\",\"distance\":10}");
        assertThat(recognizer.interpret(checked("turn left", "turn left"))).isInstanceOf(Understood.class);
        // The grammar's optional address ("robot", "now") is not a disagreement.
        assertThat(recognizer.interpret(checked("follow me robot", "follow me"))).isInstanceOf(Understood.class);
    }

    /**
     * A motion only the grammar's permissive decoder heard (Sphinx4Asr's confidence 0.3: over a radio
     * its strict decoder rejected "go to the kitchen") is acted on when Whisper heard the same act, at
     * the two witnesses' combined confidence; without Whisper's words, or with another act in them,
     * it is still asked about.
     */
    @Test
    void aWeakGrammarCommandTheOpenTierHeardAlikeIsActedOn() throws Exception {
        Interpretation both = recognizer.interpret(heard("go to the kitchen", 0.3f).withOpenText("go to the kitchen"));
        assertThat(both).isInstanceOf(Understood.class);
        assertThat(((Understood) both).intent().confidence()).isGreaterThan(0.3f);
        assertDataContains(((Understood) both).intent().data(), "{\"goal\":\"kitchen\"}");
        assertThat(recognizer.interpret(heard("go to the kitchen", 0.3f).withOpenText(""))).isInstanceOf(Confirm.class);
        assertThat(recognizer.interpret(heard("move back one meter", 0.3f).withOpenText("move back two meters")))
                .isInstanceOf(Confirm.class);
    }

    @Test
    void aNumberTheTiersDisagreeOnIsAskedBackWithTheOpenTiersWords() throws Exception {
        Interpretation i = recognizer.interpret(checked("please drive ahead four meters", "please drive ahead 14 meters"));
        assertThat(i).isInstanceOf(Confirm.class);
        assertDataContains(((Confirm) i).candidate().data(), "{\"distance\":14}");
    }

    @Test
    void aCommandTheGrammarForcedOnOtherWordsIsNotActedOn() {
        Interpretation i = recognizer.interpret(checked("please walk to the left ten foot robot",
                "please water the plants in the garden"));
        assertThat(i).isInstanceOf(NotUnderstood.class);
        Interpretation question = recognizer.interpret(checked("hello robot", "what can you do"));
        assertThat(((Understood) question).intent().intent()).as("a request of the open tier's own")
                .isEqualTo("what_can_you_do");
        Interpretation misheard = recognizer.interpret(checked("say that again", "save that again"));
        assertThat(((Understood) misheard).intent().intent()).as("the grammar's, when the open tier's is no request")
                .isEqualTo("repeat");
    }

    /**
     * Asked about: with the grammar's roles where Whisper heard no command in words much like the
     * grammar's or missed a role; with Whisper's where it heard another value for one.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "walk forward three meters | what for what three meters | {\"direction\":\"forward\",\"distance\":3}",
        "move back two meters      | move back to your meters   | {\"direction\":\"backward\",\"distance\":2}",
        "turn left                 | turn right                 | {\"direction\":\"right\"}"})
    void aCommandTheTiersDoNotAgreeOnIsAskedAbout(String grammar, String open, String asked) throws Exception {
        Interpretation i = recognizer.interpret(checked(grammar, open));
        assertThat(i).isInstanceOf(Confirm.class);
        assertDataContains(((Confirm) i).candidate().data(), asked);
    }

    @Test
    void sharedWordsCountNumberWordsAndDigitsAlike() {
        assertThat(IntentRecognizer.sharedWords("walk forward three meters", "what for what 3 meters")).isEqualTo(0.5);
        assertThat(IntentRecognizer.sharedWords("please walk to the left ten foot robot",
                "please water the plants in the garden")).isLessThan(0.5);
    }

    @Test
    void aRequestBothTiersHeardAlikeKeepsTheGrammarsConfidence() {
        Understood both = (Understood) recognizer.interpret(checked("what can you do", "what can you do"));
        Understood alone = (Understood) recognizer.interpret(heard("what can you do", 0.9f));
        assertThat(both.intent()).isEqualTo(alone.intent());
    }

    @Test
    void whereTheOpenTierHeardNothingAGrammarCommandIsAskedAbout() {
        assertThat(recognizer.interpret(checked("turn left", ""))).isInstanceOf(Confirm.class);
        assertThat(recognizer.interpret(checked("what can you do", ""))).isInstanceOf(Understood.class);
    }

    @Test
    void aStopWordInEitherTierWins() {
        assertThat(((Understood) recognizer.interpret(checked("stop", "top"))).intent().intent()).isEqualTo("stop");
        assertThat(((Understood) recognizer.interpret(checked("go forward", "stop"))).intent().intent()).isEqualTo("stop");
    }

    @Test
    void theOpenTiersStopsAndQuestionsAreAnswered() {
        for (String text : new String[] {"stop", "hello"}) {
            Transcript open = new Transcript(text, true, 0.5f, 0, 1, "en", Transcript.Tier.OPEN);
            assertThat(recognizer.interpret(open)).as(text).isInstanceOf(Understood.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "Stop!", "stop right there", "halt", "freeze", "wait stop", "wait, stop",
        "no no stop", "hey robot stop", "please stop", "stop stop stop", "emergency stop", "stop moving", "STOP",
        "whoa", "stop it now"})
    void stopFastPathCatchesStops(String partial) {
        assertThat(IntentRecognizer.isStop(partial)).as(partial).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "go to the bus stop", "don't stop", "never stop", "stopwatch", "turn left",
        "nonstop", "what is stop", "the robot should stop"})
    void stopFastPathIgnoresOtherStops(String partial) {
        assertThat(IntentRecognizer.isStop(partial)).as(partial).isFalse();
    }

    @Test
    void stopFastPathAcceptsNull() {
        assertThat(IntentRecognizer.isStop(null)).isFalse();
    }

    /**
     * Random strings of the robot's own command words never make it move. Rule: every command word
     * must belong to one well-formed command (verb first, only filler words between verb and role),
     * otherwise the best the words get is a question back. A random string can still happen to be a
     * real command ("walk back here" came up with another seed, and rightly means come here); this
     * seed's 200 do not.
     */
    @Test
    void wordSaladNeverMovesTheRobot() {
        String[] vocabulary = ("go move turn walk head take come follow rotate forward back left right around ten"
                + " two three one meters meter degrees the to me here please kitchen meeting room office charging"
                + " station front door hello robot can you what do cancel that again say a bit could over")
                .split(" ");
        Random random = new Random(42);
        int motion = 0;
        int questions = 0;
        int otherUnderstood = 0;
        List<String> moved = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            String[] salad = new String[3 + random.nextInt(6)];
            Arrays.setAll(salad, j -> vocabulary[random.nextInt(vocabulary.length)]);
            String text = String.join(" ", salad);
            Interpretation i = interpret(text);
            if (i instanceof Understood u) {
                boolean moves = IntentKind.fromWireName(u.intent().intent()).orElseThrow().isMotion();
                if (moves && u.intent().confidence() >= 0.5f) {
                    motion++;
                    moved.add(text + " -> " + u.intent().intent());
                } else {
                    otherUnderstood++;
                }
            } else if (i instanceof Confirm) {
                questions++;
            }
        }
        System.out.printf("word salad: %d of 200 understood as motion, %d as other intents, %d questioned,"
                + " %d not understood%n", motion, otherUnderstood, questions, 200 - motion - otherUnderstood - questions);
        assertThat(moved).isEmpty();
    }

    @Test
    void interpretsFastOnceWarm() {
        String[] phrases = {"go forward ten meters", "could you rotate a bit to your left", "what can you do",
            "please take me to the meeting room", "the cat sat on the mat", "hello robot"};
        for (int i = 0; i < 30; i++) {
            interpret(phrases[i % phrases.length]);
        }
        int runs = 300;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            interpret(phrases[i % phrases.length]);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double median = nanos[runs / 2] / 1e6;
        double p95 = nanos[runs * 95 / 100] / 1e6;
        System.out.printf("interpret: median %.2f ms, p95 %.2f ms, max %.2f ms over %d runs%n",
                median, p95, nanos[runs - 1] / 1e6, runs);
        // The budget is 30 ms; asserted loosely so a busy CI machine does not fail the build.
        assertThat(median).isLessThan(60);
    }

    @Test
    void whispersBackupIsTheVerbBackUp() {
        assertThat(IntentRecognizer.words("Please backup two meters.")).containsExactly("please", "back", "up", "two", "meters");
        assertThat(IntentRecognizer.words("Roll at 7.5m.")).containsExactly("roll", "at", "7.5", "m");
    }

    @Test
    void openTierWordsWithoutTheVerbAreNoSecondWitness() {
        // Measured at 8 kHz (vigil bench phrasings, flite slt): "pivot to your right".
        Interpretation i = recognizer.interpret(checked("head to your right", "give it to your right"));
        assertThat(i).as("asked, not acted on").isInstanceOf(Confirm.class);
    }

    private static Transcript openTier(String text) {
        return new Transcript(text, true, 0.5f, 1_000_000_000L, 2_500_000_000L, "en", Transcript.Tier.OPEN);
    }

    /**
     * What a second, thorough listen may mend: a command misheard (Whisper tiny's words for espeak-ng
     * phrasings, vigil bench phrasings); not a request of other words, which is answered at once.
     */
    @Test
    void aMisheardCommandIsWorthAnotherListenAnOutOfDomainRequestIsNot() {
        assertThat(recognizer.worthAnotherListen(openTier("cut your old flower down out 3 meters"))).isTrue();
        assertThat(recognizer.worthAnotherListen(openTier("inh forward 10 10 10 eagles"))).isTrue();
        assertThat(recognizer.worthAnotherListen(openTier("drive forward for the meters if you can")))
                .as("asked about, a word the rules could not place").isTrue();
        assertThat(recognizer.worthAnotherListen(openTier("how many moons does jupiter have"))).isFalse();
        assertThat(recognizer.worthAnotherListen(openTier("what time does the museum open"))).isFalse();
        assertThat(recognizer.worthAnotherListen(checked("go forward ten meters", "go forward 10 meters")))
                .as("acted on").isFalse();
        assertThat(recognizer.worthAnotherListen(openTier("what can you do"))).isFalse();
        assertThat(recognizer.worthAnotherListen(openTier("uh"))).as("noise").isFalse();
        assertThat(recognizer.worthAnotherListen(openTier("stop"))).isFalse();
        assertThat(recognizer.worthAnotherListen(heard(""))).isFalse();
    }

    /**
     * The open tier's word that sounds like one of the robot's is read as it where that makes a whole
     * request, and the request is asked about, never acted on. The pronouncing dictionary is the speech
     * module's (SoundsAlike); here a stand-in table of the pairs Whisper tiny produced.
     */
    @Test
    void anOpenTierWordThatSoundsLikeTheRobotsIsReadAsItAndAskedAbout() throws Exception {
        java.util.Map<String, String> misheard = java.util.Map.of("lift", "left", "duck", "dock", "lunge", "lounge");
        try (IntentRecognizer respelling = new IntentRecognizer(ModelCatalog.load(), ModelStore.fromEnvironment(),
                EngineOptions.defaults(), CommandReader.builtIn(), (heard, word) -> word.equals(misheard.get(heard)))) {
            Interpretation face = respelling.interpret(openTier("face lift"));
            assertThat(face).isInstanceOf(Confirm.class);
            assertThat(((Confirm) face).candidate().intent()).isEqualTo("turn");
            assertDataContains(((Confirm) face).candidate().data(), "{\"direction\":\"left\"}");
            Interpretation dock = respelling.interpret(openTier("navigate to the charging duck"));
            assertThat(dock).isInstanceOf(Confirm.class);
            assertDataContains(((Confirm) dock).candidate().data(), "{\"goal\":\"charging_station\"}");
            Interpretation lounge = respelling.interpret(checked("please head to the left", "please head to the lunge"));
            assertThat(lounge).as("the grammar forced 'left'; the respelled open tier names a place").isInstanceOf(Confirm.class);
            assertDataContains(((Confirm) lounge).candidate().data(), "{\"goal\":\"living_room\"}");
            assertThat(respelling.interpret(openTier("take me to the lift"))).as("a request as written stays")
                    .isEqualTo(recognizer.interpret(openTier("take me to the lift")));
            assertThat(recognizer.interpret(openTier("face lift"))).as("without the dictionary")
                    .isInstanceOf(NotUnderstood.class);
        }
    }
}
