package dev.vigil.policy.intent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.vocabulary.Vocabulary.Place;

import java.util.Locale;
import java.util.Objects;

/**
 * A motion command with its thematic roles, as the rules read it off the words.
 *
 * <p>Each frame says itself two ways, so that the acknowledgement and the question back always
 * describe the same act: "Moving forward ten meters." and "Did you want me to move forward ten
 * meters?".
 */
sealed interface Frame {

    IntentKind kind();

    /** Adds this frame's roles to an intent's {@code data}; {@code agent} is who asked. */
    void addRoles(ObjectNode data, String agent);

    /** "move forward ten meters", for "Did you want me to …?" */
    String infinitive();

    /** "Moving forward ten meters", for the acknowledgement. */
    String progressive();

    /** Where to go or face; the data value is the lower-case name. */
    enum Direction {
        FORWARD, BACKWARD, LEFT, RIGHT, AROUND;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A unit a distance may be said in (from the robot's vocabulary); data always carries metres.
     *
     * @param metres   its length in metres
     * @param singular "meter", for one
     * @param plural   "meters", for any other amount
     */
    record LengthUnit(double metres, String singular, String plural) {
    }

    /**
     * A distance as said and in metres.
     *
     * @param value the number the person said, in {@code unit}
     */
    record Distance(double value, LengthUnit unit) {
        public Distance {
            Objects.requireNonNull(unit, "unit");
        }

        double metres() {
            // Rounded to the millimetre: "three feet" is 0.914 m, not 0.9144000000000001.
            return Math.round(value * unit.metres() * 1000) / 1000.0;
        }

        String spoken() {
            return NumberWords.toWords(value) + " " + (value == 1 ? unit.singular() : unit.plural());
        }
    }

    record Move(Direction direction, Distance distance) implements Frame {
        public Move {
            if (direction == Direction.AROUND) {
                throw new IllegalArgumentException("a move goes forward, backward, left or right, not around");
            }
        }

        @Override
        public IntentKind kind() {
            return IntentKind.MOVE;
        }

        @Override
        public void addRoles(ObjectNode data, String agent) {
            data.put("direction", direction.id());
            if (distance != null) {
                putNumber(data, "distance", distance.metres());
            }
        }

        @Override
        public String infinitive() {
            return "move " + phrase();
        }

        @Override
        public String progressive() {
            return "Moving " + phrase();
        }

        private String phrase() {
            return direction.id() + (distance == null ? "" : " " + distance.spoken());
        }
    }

    /** @param degrees as said, or null when only the direction was */
    record Turn(Direction direction, Double degrees) implements Frame {
        public Turn {
            if (direction != Direction.LEFT && direction != Direction.RIGHT && direction != Direction.AROUND) {
                throw new IllegalArgumentException("a turn goes left, right or around, not " + direction.id());
            }
        }

        @Override
        public IntentKind kind() {
            return IntentKind.TURN;
        }

        @Override
        public void addRoles(ObjectNode data, String agent) {
            data.put("direction", direction.id());
            if (degrees != null) {
                putNumber(data, "angle", degrees);
            }
        }

        @Override
        public String infinitive() {
            return "turn " + phrase();
        }

        @Override
        public String progressive() {
            return "Turning " + phrase();
        }

        private String phrase() {
            return direction.id() + (degrees == null ? ""
                    : " " + NumberWords.toWords(degrees) + (degrees == 1 ? " degree" : " degrees"));
        }
    }

    record GoTo(Place goal) implements Frame {
        public GoTo {
            Objects.requireNonNull(goal, "goal");
        }

        @Override
        public IntentKind kind() {
            return IntentKind.GO_TO;
        }

        @Override
        public void addRoles(ObjectNode data, String agent) {
            data.put("goal", goal.id());
        }

        @Override
        public String infinitive() {
            return "go to " + goal.say();
        }

        @Override
        public String progressive() {
            return "Going to " + goal.say();
        }
    }

    /** The goal is the person who asked. */
    record ComeHere() implements Frame {
        @Override
        public IntentKind kind() {
            return IntentKind.COME_HERE;
        }

        @Override
        public void addRoles(ObjectNode data, String agent) {
            data.put("goal", agent);
        }

        @Override
        public String infinitive() {
            return "come to you";
        }

        @Override
        public String progressive() {
            return "Coming to you";
        }
    }

    /** The one to follow is the person who asked. */
    record FollowMe() implements Frame {
        @Override
        public IntentKind kind() {
            return IntentKind.FOLLOW_ME;
        }

        @Override
        public void addRoles(ObjectNode data, String agent) {
            data.put("recipient", agent);
        }

        @Override
        public String infinitive() {
            return "follow you";
        }

        @Override
        public String progressive() {
            return "Following you";
        }
    }

    /** Whole numbers as JSON integers, so {@code distance: 10} in a scenario matches. */
    private static void putNumber(ObjectNode data, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            data.put(key, (long) value);
        } else {
            data.put(key, value);
        }
    }
}
