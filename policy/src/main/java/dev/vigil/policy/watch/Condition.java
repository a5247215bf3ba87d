package dev.vigil.policy.watch;

import dev.vigil.agent.message.Observation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a watch waits for, judged on one engine's observations of one sampled frame. Stateless: a
 * condition that depends on what was seen before (someone <em>comes in</em>, the dog <em>leaves</em>)
 * is given a count remembered by the {@link WatchBook} since the watch began ({@code baseline}): the
 * lowest or the highest, as {@link #baseline()} says.
 */
public sealed interface Condition {

    /** The engine whose observations decide it: {@code ocr}, {@code objects}, {@code light}, {@code faces}. */
    String engine();

    /** A fixed form for reports and events, e.g. {@code text shows "16"}, {@code count(person) > 3}. */
    String describe();

    /**
     * How sure the frame is that the condition holds: 0 when it does not, else the supporting
     * observation's score (0..1].
     *
     * @param seen     the engine's observations of the frame
     * @param baseline for conditions on a change ({@link #baseline()}): the lowest or highest count of
     *                 the class in the frames judged before this one; ignored by the others
     */
    double holds(List<Observation> seen, int baseline);

    /** Which remembered count {@link #holds} compares with. */
    enum Baseline { NONE, LOWEST, HIGHEST }

    /** The count this condition compares with; the first frame of a watch that needs one only sets it. */
    default Baseline baseline() {
        return Baseline.NONE;
    }

    /**
     * The kind of observation a scenario's ground truth ("what is shown", e.g. "16" or "green") stands
     * for when this condition is judged against it, or empty when such truth cannot say (counts of
     * people: a video's truth does not list them).
     */
    default java.util.Optional<Observation.Kind> truthKind() {
        return java.util.Optional.empty();
    }

    /** The count a baseline is taken of: the class's observations in the frame. */
    default int count(List<Observation> seen) {
        return 0;
    }

    /**
     * Text read in the frame shows {@code target} as a whole token sequence, case and spacing ignored:
     * "16" is in "FLOOR 16" and "16", not in "116" or "16A".
     */
    record TextShown(String target) implements Condition {

        public TextShown {
            target = normalise(target);
            if (target.isEmpty()) {
                throw new IllegalArgumentException("a text to watch for is not empty");
            }
        }

        @Override
        public String engine() {
            return "ocr";
        }

        @Override
        public String describe() {
            return "text shows \"" + target + "\"";
        }

        @Override
        public java.util.Optional<Observation.Kind> truthKind() {
            return java.util.Optional.of(Observation.Kind.TEXT);
        }

        @Override
        public double holds(List<Observation> seen, int baseline) {
            Pattern token = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(target) + "(?![\\p{L}\\p{N}])");
            double best = 0;
            for (Observation o : seen) {
                if (o.kind() == Observation.Kind.TEXT && token.matcher(normalise(o.label())).find()) {
                    best = Math.max(best, Math.max(o.score(), 1e-6));
                }
            }
            return best;
        }

        private static String normalise(String text) {
            return text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        }
    }

    /** A signal light shows {@code colour} ({@code red}, {@code amber}, {@code green}). */
    record LightIs(String colour) implements Condition {

        @Override
        public String engine() {
            return "light";
        }

        @Override
        public String describe() {
            return "light is " + colour;
        }

        @Override
        public java.util.Optional<Observation.Kind> truthKind() {
            return java.util.Optional.of(Observation.Kind.LIGHT);
        }

        @Override
        public double holds(List<Observation> seen, int baseline) {
            return best(seen, Observation.Kind.LIGHT, colour);
        }
    }

    /** More than {@code count} objects of class {@code label} ({@code person}, {@code dog}, …) in view. */
    record CountAbove(String label, int count) implements Condition {

        @Override
        public String engine() {
            return "objects";
        }

        @Override
        public String describe() {
            return "count(" + label + ") > " + count;
        }

        @Override
        public double holds(List<Observation> seen, int baseline) {
            List<Observation> matching = matching(seen, label);
            // The (count+1)-th best score: as sure as the least sure one needed.
            return matching.size() > count ? matching.get(count).score() : 0;
        }
    }

    /**
     * More {@code label} in view than there were at the fewest since the watch began ("someone comes
     * in": the people already there when it was asked do not count, nor one who steps out and back).
     */
    record Arrives(String label) implements Condition {

        @Override
        public String engine() {
            return "objects";
        }

        @Override
        public String describe() {
            return "count(" + label + ") rises";
        }

        @Override
        public Baseline baseline() {
            return Baseline.LOWEST;
        }

        @Override
        public int count(List<Observation> seen) {
            return matching(seen, label).size();
        }

        @Override
        public double holds(List<Observation> seen, int baseline) {
            List<Observation> matching = matching(seen, label);
            return matching.size() > baseline ? matching.get(baseline).score() : 0;
        }
    }

    /** No {@code label} in view, after at least one was since the watch began ("the dog leaves"). */
    record Leaves(String label) implements Condition {

        @Override
        public String engine() {
            return "objects";
        }

        @Override
        public String describe() {
            return "count(" + label + ") falls to 0";
        }

        @Override
        public Baseline baseline() {
            return Baseline.HIGHEST;
        }

        @Override
        public int count(List<Observation> seen) {
            return matching(seen, label).size();
        }

        @Override
        public double holds(List<Observation> seen, int baseline) {
            // Nothing to leave until it has been seen: a watch set while the dog is out of view waits.
            return baseline > 0 && matching(seen, label).isEmpty() ? 1 : 0;
        }
    }

    private static double best(List<Observation> seen, Observation.Kind kind, String label) {
        double best = 0;
        for (Observation o : seen) {
            if (o.kind() == kind && o.label().equalsIgnoreCase(label)) {
                best = Math.max(best, Math.max(o.score(), 1e-6));
            }
        }
        return best;
    }

    /** Objects of {@code label}, best score first. */
    private static List<Observation> matching(List<Observation> seen, String label) {
        return seen.stream()
                .filter(o -> (o.kind() == Observation.Kind.OBJECT || o.kind() == Observation.Kind.FACE)
                        && o.label().equalsIgnoreCase(label))
                .sorted((a, b) -> Double.compare(b.score(), a.score()))
                .toList();
    }
}
