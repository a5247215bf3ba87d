package dev.vigil.policy.intent;

import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.policy.intent.Frame.Direction;
import dev.vigil.policy.intent.Frame.Distance;
import dev.vigil.policy.intent.Frame.LengthUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules alone, without the embedding: which frame, which roles, and what does not fit. */
class RoleParserTest {

    private static final LengthUnit METER = new LengthUnit(1, "meter", "meters");
    private final RoleParser parser = CommandReader.builtIn().parser();

    private RoleParser.Parse parse(String text) {
        return parser.parse(IntentRecognizer.words(text));
    }

    private Frame consistent(String text) {
        RoleParser.Parse p = parse(text);
        assertThat(p.problems()).as(text).isEmpty();
        assertThat(p.frame()).as(text).isNotNull();
        return p.frame();
    }

    @Test
    void movesWithDirectionAndDistance() {
        assertThat(consistent("go forward ten meters"))
                .isEqualTo(new Frame.Move(Direction.FORWARD, new Distance(10, METER)));
        assertThat(consistent("move back two meters"))
                .isEqualTo(new Frame.Move(Direction.BACKWARD, new Distance(2, METER)));
        assertThat(consistent("move to the left one meter"))
                .isEqualTo(new Frame.Move(Direction.LEFT, new Distance(1, METER)));
        assertThat(consistent("go straight ahead")).isEqualTo(new Frame.Move(Direction.FORWARD, null));
        assertThat(consistent("back up a little")).isEqualTo(new Frame.Move(Direction.BACKWARD, null));
        assertThat(consistent("move ten meters forward"))
                .isEqualTo(new Frame.Move(Direction.FORWARD, new Distance(10, METER)));
    }

    @Test
    void distancesInOtherUnitsBecomeMetres() {
        Frame.Move feet = (Frame.Move) consistent("walk forward three feet");
        assertThat(feet.distance().metres()).isEqualTo(0.914);
        assertThat(feet.progressive()).isEqualTo("Moving forward three feet");
        Frame.Move cm = (Frame.Move) consistent("move back fifty centimeters");
        assertThat(cm.distance().metres()).isEqualTo(0.5);
        assertThat(((Frame.Move) consistent("go forward a meter")).distance().metres()).isEqualTo(1.0);
    }

    @Test
    void turnsWithDirectionAndAngle() {
        assertThat(consistent("turn left")).isEqualTo(new Frame.Turn(Direction.LEFT, null));
        assertThat(consistent("could you rotate a bit to your left")).isEqualTo(new Frame.Turn(Direction.LEFT, null));
        assertThat(consistent("turn around")).isEqualTo(new Frame.Turn(Direction.AROUND, null));
        assertThat(consistent("turn back")).isEqualTo(new Frame.Turn(Direction.AROUND, null));
        assertThat(consistent("make a left turn")).isEqualTo(new Frame.Turn(Direction.LEFT, null));
        assertThat(consistent("rotate ninety degrees to the right")).isEqualTo(new Frame.Turn(Direction.RIGHT, 90.0));
        assertThat(consistent("turn left forty five degrees")).isEqualTo(new Frame.Turn(Direction.LEFT, 45.0));
    }

    @Test
    void goesToKnownPlaces() {
        assertThat(consistent("go to the kitchen")).isEqualTo(new Frame.GoTo(place("kitchen")));
        assertThat(consistent("please take me to the meeting room")).isEqualTo(new Frame.GoTo(place("meeting_room")));
        assertThat(consistent("head to the charging station")).isEqualTo(new Frame.GoTo(place("charging_station")));
        assertThat(consistent("go back to your charger")).isEqualTo(new Frame.GoTo(place("charging_station")));
        assertThat(consistent("show me the way to the conference room")).isEqualTo(new Frame.GoTo(place("meeting_room")));
    }

    @Test
    void comesAndFollows() {
        assertThat(consistent("come here")).isEqualTo(new Frame.ComeHere());
        assertThat(consistent("could you come over here")).isEqualTo(new Frame.ComeHere());
        assertThat(consistent("come back here")).isEqualTo(new Frame.ComeHere());
        assertThat(consistent("come to me")).isEqualTo(new Frame.ComeHere());
        assertThat(consistent("follow me")).isEqualTo(new Frame.FollowMe());
        assertThat(consistent("come with me")).isEqualTo(new Frame.FollowMe());
    }

    @Test
    void rightAsAnAdverbIsNoDirection() {
        assertThat(consistent("turn left right now")).isEqualTo(new Frame.Turn(Direction.LEFT, null));
    }

    @Test
    void placesAreInSnakeCase() {
        assertThat(consistent("could you show me the way to the front door"))
                .isEqualTo(new Frame.GoTo(place("front_door")));
        assertThat(place("reception").say()).isEqualTo("reception");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "left right left right",
        "go the to",
        "kitchen turn the meters ten go",
        "go forward and then turn left",
        "go to the kitchen and the office",
        "turn left and stop",
        "move forward ten meters ninety degrees",
        "walk do to hello forward",
        "go forward ten",
        "kitchen",
    })
    void jumblesAndHalfCommandsHaveProblems(String text) {
        assertThat(parse(text).consistent()).as(text).isFalse();
    }

    @Test
    void saysWhatDoesNotFit() {
        assertThat(parse("turn left and stop").problems()).containsExactly("'stop' does not fit");
        assertThat(parse("go forward ten").problems()).containsExactly("no unit after 'ten'");
        assertThat(parse("go forward ten").frame())
                .isEqualTo(new Frame.Move(Direction.FORWARD, new Distance(10, METER)));
        assertThat(parse("kitchen").problems()).containsExactly("no verb before the place", "no 'to' before the place");
    }

    @Test
    void noticesRequestsForUnknownPlaces() {
        RoleParser.Parse p = parse("go to the bathroom");
        assertThat(p.frame()).isNull();
        assertThat(p.unknownPlace()).isTrue();
        assertThat(parse("go to sleep").unknownPlace()).isFalse();
    }

    @Test
    void nothingToDoWithMotion() {
        RoleParser.Parse p = parse("what is the weather like today");
        assertThat(p.frame()).isNull();
        assertThat(p.roleWords()).isZero();
        assertThat(parse("how far is the meeting room").roleWords()).isEqualTo(1);
    }

    /** The built-in vocabulary's place {@code id}. */
    private static Vocabulary.Place place(String id) {
        return Vocabulary.builtIn().places().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void stepsAreTheRobotsStepLength() {
        RoleParser robot = new RoleParser(Vocabulary.builtIn(), 0.4);
        RoleParser.Parse p = robot.parse(IntentRecognizer.words("take two steps back"));
        assertThat(p.problems()).isEmpty();
        assertThat(((Frame.Move) p.frame()).distance().metres()).isEqualTo(0.8);
        assertThat(((Frame.Move) p.frame()).distance().spoken()).isEqualTo("two steps");
        assertThat(robot.parse(IntentRecognizer.words("walk forward a step")).frame())
                .isEqualTo(new Frame.Move(Direction.FORWARD, new Distance(1, new LengthUnit(0.4, "step", "steps"))));
    }

    @Test
    void theRobotsOwnPlacesAreReadInsteadOfTheDefaultMap() {
        Vocabulary.Place lab = new Vocabulary.Place("lab_3", "lab three", List.of("lab three"), List.of("robotics lab"));
        RoleParser robot = new RoleParser(Vocabulary.builtIn().withPlaces(List.of(lab)), 0.5);
        assertThat(robot.parse(IntentRecognizer.words("please head to the robotics lab")).frame())
                .isEqualTo(new Frame.GoTo(lab));
        assertThat(robot.parse(IntentRecognizer.words("go to the kitchen")).unknownPlace()).isTrue();
    }

    // How Whisper writes what it heard, measured in `vigil bench phrasings` (flite awb, espeak en-us).

    @Test
    void aNumberWhisperWroteAsAWordBeforeAUnitIsTheNumber() {
        assertThat(consistent("reverse free meters")).isEqualTo(new Frame.Move(Direction.BACKWARD, new Distance(3, METER)));
        assertThat(consistent("go right by to meters")).isEqualTo(new Frame.Move(Direction.RIGHT, new Distance(2, METER)));
        assertThat(parse("go to the kitchen").frame()).isInstanceOf(Frame.GoTo.class);   // "to" without a unit
    }

    @Test
    void aMeasureIsOneWordBetweenTheVerbAndItsDirection() {
        assertThat(parse("take one step to the left").problems()).isEmpty();
        assertThat(parse("could you walk just four steps to your right").problems()).isEmpty();
    }

    @Test
    void comeOverToMe() {
        assertThat(consistent("come over to me")).isEqualTo(new Frame.ComeHere());
    }
}
