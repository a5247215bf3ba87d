package dev.vigil.policy.intent;

import dev.vigil.policy.intent.Frame.Direction;
import dev.vigil.policy.intent.Frame.Distance;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.agent.vocabulary.Vocabulary.Place;
import dev.vigil.policy.intent.Frame.LengthUnit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a motion command's roles (direction, distance, angle, place) off the words, and says how
 * well the words fit it.
 *
 * <p>Embeddings place "rotate a bit to your left" near "turn left" and "turn right" alike, so the
 * roles come from here. This parser is deliberately strict, since its job is also to notice when
 * words do not make one command: every role-bearing word (a direction, a number, a unit, a place,
 * a motion verb, a stop or cancel word) must be used by the frame, the verb must come before the
 * roles it governs, and within a few words of them. Any word left over, or any part missing, is a
 * <em>problem</em>; the recogniser acts only on a frame without problems. Words that carry no role
 * ("please", "could you", "a bit", "robot") are free to appear anywhere.
 */
final class RoleParser {

    /**
     * The best-fitting frame and what does not fit.
     *
     * @param frame        the command the words come closest to; null when they suggest none
     * @param problems     why the frame does not account for all the words; empty when it does
     * @param roleWords    how many role-bearing words the utterance has, a place or a measure counting as one
     * @param unknownPlace whether the words ask to go somewhere this robot does not know
     */
    record Parse(Frame frame, List<String> problems, int roleWords, boolean unknownPlace) {
        Parse {
            problems = List.copyOf(problems);
        }

        boolean consistent() {
            return frame != null && problems.isEmpty();
        }
    }

    /** How far a verb may be from its role: "rotate [a bit to your] left" is four words apart. */
    private static final int MAX_GAP = 4;
    /** "show [me the way to the] meeting room" */
    private static final int MAX_GAP_TO_PLACE = 6;

    /** "right now", "right there", "all right": not a direction. */
    private static final Set<String> AFTER_ADVERBIAL_RIGHT = Set.of("now", "away", "there", "here", "then");

    private static final Set<String> HERE_WORDS = Set.of("here", "closer", "nearer");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("to", "into", "towards", "toward", "in", "at");
    private static final Set<String> DETERMINERS = Set.of("the", "my", "your", "our", "this", "that", "a");
    private static final Set<String> PERSONS = Set.of("me", "us");
    /**
     * What may stand between a verb and the role it governs: "rotate [a bit to your] left", "take
     * [me to the] kitchen". Anything else there, and the words are probably not one command.
     */
    private static final Set<String> GAP_WORDS = Set.of(
            "a", "bit", "little", "to", "the", "your", "my", "our", "me", "us", "slightly", "please", "just",
            "more", "way", "of", "towards", "toward", "on", "over", "further", "all", "slowly", "quickly",
            "carefully", "gently", "now", "again", "then", "into", "back", "straight", "directly", "right",
            "up", "along", "closer", "yourself", "around", "one", "step", "steps", "couple", "few");
    /**
     * Words Whisper writes for a number it heard right before a unit: "move back to meters", "reverse
     * free meters", "for the meters". Only directly before a unit are they read as the number.
     */
    private static final Map<String, Double> HOMOPHONES = Map.of("to", 2.0, "too", 2.0, "free", 3.0, "for", 4.0,
            "won", 1.0, "ate", 8.0);
    /** Words that end or undo a command rather than make one; a motion frame never uses them. */
    private static final Set<String> CONTROL_WORDS = Set.of("stop", "halt", "freeze", "cancel", "abort", "wait");
    /** Words a command cannot end on: the rest is still coming ("turn to the", "ten point"). */
    private static final Set<String> DANGLING = Set.of(
            "to", "into", "towards", "toward", "the", "a", "an", "your", "my", "our", "of", "and", "point", "half");
    /** Sounds of someone still thinking, at the end of what they said so far. */
    private static final Set<String> HESITATIONS = Set.of("uh", "um", "umm", "er", "erm", "ah", "hmm", "mm");
    /** Words that close a request: "turn left please" is all there is. */
    private static final Set<String> CLOSERS = Set.of("please", "thanks", "thank", "you", "now");
    /** A vague amount instead of a number: "turn left a bit" will not be followed by degrees. */
    private static final Set<String> VAGUE_AMOUNTS = Set.of("bit", "little", "slightly");
    /** What may stand with a verb that has no role yet: "could you please move", "take me". */
    private static final Set<String> BEFORE_ROLES = Set.of(
            "could", "can", "would", "you", "please", "hey", "robot", "okay", "ok", "now", "so", "me", "us", "just");
    /*
     * The words of the robot's vocabulary (dev.vigil.agent.vocabulary), grammar and open-tier words
     * alike: the parser reads what either recogniser heard.
     */
    private final Map<String, Direction> directions = new HashMap<>();
    private final Set<String> moveVerbs;
    private final Set<String> turnVerbs;
    private final Set<String> goToVerbs;
    private final Set<String> comeVerbs;
    private final Set<String> followVerbs;
    private final Map<String, LengthUnit> lengthUnits = new HashMap<>();
    private final LengthUnit metre;
    private final Set<String> angleUnits;
    private final List<Place> placeList;
    /** Words of multi-word place names: "room" alone is no place, but it is not a filler either. */
    private final Set<String> placeWords = new HashSet<>();

    /**
     * @param vocabulary       the robot's command words and places
     * @param stepLengthMetres how far one step takes the robot: "two steps" is twice this in metres
     * @throws IllegalArgumentException a step length that is not a positive number
     */
    RoleParser(Vocabulary vocabulary, double stepLengthMetres) {
        if (!(stepLengthMetres > 0 && Double.isFinite(stepLengthMetres))) {
            throw new IllegalArgumentException("step length must be a positive number of metres, got " + stepLengthMetres);
        }
        vocabulary.directions().forEach((id, words) -> {
            Direction d = Direction.valueOf(id.toUpperCase(Locale.ROOT));
            words.all().forEach(w -> directions.put(w, d));
        });
        moveVerbs = Set.copyOf(vocabulary.verbs("move"));
        turnVerbs = Set.copyOf(vocabulary.verbs("turn"));
        goToVerbs = Set.copyOf(vocabulary.verbs("go_to"));
        comeVerbs = Set.copyOf(vocabulary.verbs("come"));
        followVerbs = Set.copyOf(vocabulary.verbs("follow"));
        vocabulary.lengthUnits().forEach((name, u) -> {
            double metres = u.metres() == null ? stepLengthMetres : u.metres();
            LengthUnit unit = new LengthUnit(metres, u.say().get(0), u.say().get(1));
            u.words().forEach(w -> lengthUnits.put(w, unit));
        });
        LengthUnit m = lengthUnits.get("meter");
        metre = m != null ? m : new LengthUnit(1, "meter", "meters");
        angleUnits = Set.copyOf(vocabulary.angleUnits().all());
        placeList = vocabulary.places();
        placeList.forEach(p -> p.phrases().forEach(placeWords::addAll));
    }

    private enum MeasureKind { DISTANCE, ANGLE, BARE }

    private record Measure(int start, int end, MeasureKind kind, double value, LengthUnit unit) {
    }

    private record PlaceSpan(int start, int end, Place place) {
    }

    /** One frame's reading: which words it used and what is wrong with it. */
    private record Reading(Frame frame, BitSet used, List<String> problems) {
    }

    List<Place> places() {
        return placeList;
    }

    Parse parse(List<String> words) {
        Analysis a = new Analysis(words);
        List<Reading> readings = new ArrayList<>();
        addIfPresent(readings, a.followMe());
        addIfPresent(readings, a.comeHere());
        addIfPresent(readings, a.goTo());
        addIfPresent(readings, a.turn());
        addIfPresent(readings, a.move());
        Reading best = null;
        for (Reading r : readings) {
            BitSet left = (BitSet) a.role.clone();
            left.andNot(r.used);
            for (int i = left.nextSetBit(0); i >= 0; i = left.nextSetBit(i + 1)) {
                r.problems.add("'" + words.get(i) + "' does not fit");
            }
            // Fewest problems wins; on a tie, the earlier (more specific) frame.
            if (best == null || r.problems.size() < best.problems.size()) {
                best = r;
            }
        }
        int roleWords = a.roleItems();
        if (best == null) {
            return new Parse(null, List.of(), roleWords, a.unknownPlace());
        }
        return new Parse(best.frame, best.problems, roleWords, false);
    }

    /**
     * Whether {@code words} make a whole command yet ({@link Completeness}): words that cannot end a
     * command ("turn to the", "go forward ten", "take me", "go to the meeting") are
     * {@link Completeness#INCOMPLETE}; one consistent motion frame that an optional role could still
     * follow ("go forward" + a distance, "turn left" + an angle) is {@link Completeness#EXTENDABLE};
     * everything else, commands and not, is {@link Completeness#FINAL}.
     */
    Completeness completeness(List<String> words) {
        int end = words.size();
        while (end > 0 && HESITATIONS.contains(words.get(end - 1))) {
            end--;   // "go to the uh": still thinking
        }
        if (end == 0) {
            return Completeness.FINAL;
        }
        List<String> w = words.subList(0, end);
        String last = w.get(end - 1);
        if (DANGLING.contains(last)) {
            return Completeness.INCOMPLETE;
        }
        Analysis a = new Analysis(w);
        Parse p = parse(w);
        if (!p.consistent()) {
            boolean unfinished = a.endsInsidePlaceName() || a.endsInBareNumberAfterVerb() || a.onlyVerbs()
                    || a.distanceWithoutDirection();
            return unfinished ? Completeness.INCOMPLETE : Completeness.FINAL;
        }
        if (CLOSERS.contains(last) || a.vagueAmount()) {
            return Completeness.FINAL;
        }
        boolean open = p.frame() instanceof Frame.Move move && move.distance() == null
                || p.frame() instanceof Frame.Turn turn && turn.degrees() == null && turn.direction() != Direction.AROUND;
        return open ? Completeness.EXTENDABLE : Completeness.FINAL;
    }

    /**
     * Whether {@code words} are a single role of a command without its verb: "ten meters", "a foot",
     * "to the left", "the kitchen". Such words continue a command begun before a pause; on their own
     * they ask for nothing.
     */
    boolean loneRole(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        Analysis a = new Analysis(words);
        return a.onlyRoles() && a.roleItems() == 1 && !parse(words).consistent();   // "back up": a command
    }

    private static void addIfPresent(List<Reading> readings, Reading r) {
        if (r != null) {
            readings.add(r);
        }
    }

    /** The words of one utterance, tagged. */
    private final class Analysis {
        final List<String> w;
        final int n;
        final BitSet role = new BitSet();
        final List<PlaceSpan> places = new ArrayList<>();
        final List<Measure> measures = new ArrayList<>();
        final Direction[] direction;

        Analysis(List<String> words) {
            this.w = words;
            this.n = words.size();
            this.direction = new Direction[n];
            BitSet taken = new BitSet();
            findPlaces(taken);
            findMeasures(taken);
            for (int i = 0; i < n; i++) {
                if (taken.get(i)) {
                    continue;
                }
                String word = w.get(i);
                Direction d = directions.get(word);
                if (d == Direction.RIGHT && (isAt(i + 1, AFTER_ADVERBIAL_RIGHT) || isAt(i - 1, Set.of("all")))) {
                    d = null;
                }
                direction[i] = d;
                if (d != null || isVerb(word) || HERE_WORDS.contains(word) || CONTROL_WORDS.contains(word)
                        || placeWords.contains(word) || lengthUnits.containsKey(word)
                        || angleUnits.contains(word) || isNeverMind(i)) {
                    role.set(i);
                }
            }
        }

        private void findPlaces(BitSet taken) {
            for (int i = 0; i < n; ) {
                PlaceSpan longest = null;
                for (Place p : placeList) {
                    for (List<String> phrase : p.phrases()) {
                        int end = i + phrase.size();
                        if (end <= n && w.subList(i, end).equals(phrase)
                                && (longest == null || end > longest.end)) {
                            longest = new PlaceSpan(i, end, p);
                        }
                    }
                }
                if (longest == null) {
                    i++;
                    continue;
                }
                places.add(longest);
                taken.set(longest.start, longest.end);
                role.set(longest.start, longest.end);
                i = longest.end;
            }
        }

        private void findMeasures(BitSet taken) {
            for (int i = 0; i < n; ) {
                if (taken.get(i)) {
                    i++;
                    continue;
                }
                NumberWords.Parsed num = NumberWords.parse(w, i).orElse(null);
                if (num == null && i + 1 < n && HOMOPHONES.containsKey(w.get(i))
                        && (lengthUnits.containsKey(w.get(i + 1)) || angleUnits.contains(w.get(i + 1)))) {
                    num = new NumberWords.Parsed(HOMOPHONES.get(w.get(i)), 1);
                }
                if (num == null) {
                    i++;
                    continue;
                }
                int unitAt = i + num.words();
                String unit = unitAt < n ? w.get(unitAt) : "";
                Measure m;
                if (lengthUnits.containsKey(unit)) {
                    m = new Measure(i, unitAt + 1, MeasureKind.DISTANCE, num.value(), lengthUnits.get(unit));
                } else if (angleUnits.contains(unit)) {
                    m = new Measure(i, unitAt + 1, MeasureKind.ANGLE, num.value(), null);
                } else if (w.get(i).equals("a") || w.get(i).equals("an")) {
                    // "a bit", "a left turn": an article, not the number one.
                    i++;
                    continue;
                } else {
                    m = new Measure(i, unitAt, MeasureKind.BARE, num.value(), null);
                }
                measures.add(m);
                taken.set(m.start, m.end);
                role.set(m.start, m.end);
                i = m.end;
            }
        }

        /** Role-bearing words, "meeting room" and "ten meters" counting as one each. */
        int roleItems() {
            BitSet single = (BitSet) role.clone();
            places.forEach(p -> single.clear(p.start, p.end));
            measures.forEach(m -> single.clear(m.start, m.end));
            return single.cardinality() + places.size() + measures.size();
        }

        boolean isAt(int i, Set<String> set) {
            return i >= 0 && i < n && set.contains(w.get(i));
        }

        private boolean isNeverMind(int i) {
            return (w.get(i).equals("never") && isAt(i + 1, Set.of("mind")))
                    || (w.get(i).equals("mind") && isAt(i - 1, Set.of("never")));
        }

        private boolean isVerb(String word) {
            return moveVerbs.contains(word) || turnVerbs.contains(word) || goToVerbs.contains(word)
                    || comeVerbs.contains(word) || followVerbs.contains(word);
        }

        /** Adds a problem for each word between {@code from} and {@code to} that has no place there. */
        private void checkGap(int from, int to, BitSet used, List<String> problems) {
            for (int i = from + 1; i < to; i++) {
                if (!used.get(i) && !GAP_WORDS.contains(w.get(i)) && !role.get(i)) {
                    problems.add("'" + w.get(i) + "' between '" + w.get(from) + "' and '" + w.get(to) + "'");
                }
            }
        }

        /** The nearest word in {@code verbs} before {@code i}, at most {@code gap} words between. */
        private int verbBefore(int i, Set<String> verbs, int gap) {
            int between = 0;
            for (int j = i - 1; j >= 0; j--) {
                Measure m = measureAt(j);
                if (m != null) {
                    // "take [one step] to the left": a measure is one word of the gap, and its unit
                    // ("step") is not a verb.
                    j = m.start;
                } else if (verbs.contains(w.get(j))) {
                    return j;
                }
                if (++between > gap) {
                    return -1;
                }
            }
            return -1;
        }

        private Measure measureAt(int i) {
            for (Measure m : measures) {
                if (m.start <= i && i < m.end) {
                    return m;
                }
            }
            return null;
        }

        private Measure firstMeasure(MeasureKind kind, int after, BitSet used, List<String> problems) {
            Measure found = null;
            for (Measure m : measures) {
                if (m.kind != kind) {
                    continue;
                }
                if (found != null) {
                    problems.add("more than one " + kind.name().toLowerCase(Locale.ROOT));
                    break;
                }
                if (m.start < after) {
                    problems.add("the " + kind.name().toLowerCase(Locale.ROOT) + " comes before the verb");
                }
                found = m;
                used.set(m.start, m.end);
            }
            return found;
        }

        Reading move() {
            int d = -1;
            for (int i = 0; i < n; i++) {
                if (direction[i] != null && direction[i] != Direction.AROUND) {
                    d = i;
                    break;
                }
            }
            if (d < 0) {
                return null;
            }
            BitSet used = new BitSet();
            List<String> problems = new ArrayList<>();
            Direction dir = direction[d];
            useSameDirection(dir, d, used);
            int verb;
            if (w.get(d).equals("back") && isAt(d + 1, Set.of("up"))) {
                // "back up": the direction is its own verb.
                verb = d;
                used.set(d + 1);
            } else if (w.get(d).equals("reverse")) {
                verb = d;
            } else {
                verb = verbBefore(d, moveVerbs, MAX_GAP);
            }
            if (verb < 0) {
                problems.add("no verb before '" + w.get(d) + "'");
            } else {
                used.set(verb);
                checkGap(verb, d, used, problems);
            }
            Measure distance = firstMeasure(MeasureKind.DISTANCE, Math.max(verb, 0), used, problems);
            Distance said = distance == null ? null : new Distance(distance.value, distance.unit);
            if (said == null) {
                // "go forward ten": metres is the likely unit, but worth asking about.
                for (Measure m : measures) {
                    if (m.kind == MeasureKind.BARE && m.start > d) {
                        said = new Distance(m.value, metre);
                        used.set(m.start, m.end);
                        problems.add("no unit after '" + w.get(m.end - 1) + "'");
                        break;
                    }
                }
            }
            return new Reading(new Frame.Move(dir, said), used, problems);
        }

        Reading turn() {
            int t = -1;
            for (int i = 0; i < n; i++) {
                if (turnVerbs.contains(w.get(i))) {
                    t = i;
                    break;
                }
            }
            if (t < 0) {
                return null;
            }
            BitSet used = new BitSet();
            used.set(t);
            List<String> problems = new ArrayList<>();
            int d = -1;
            for (int i = t + 1; i < n && i <= t + 1 + MAX_GAP; i++) {
                if (direction[i] != null && direction[i] != Direction.FORWARD) {
                    d = i;
                    break;
                }
            }
            if (d < 0 && t > 0 && w.get(t).equals("turn")
                    && (direction[t - 1] == Direction.LEFT || direction[t - 1] == Direction.RIGHT)) {
                // "make a left turn"
                d = t - 1;
            }
            if (d < 0) {
                return null;
            }
            if (d > t) {
                checkGap(t, d, used, problems);
            }
            // "turn back" is turning around, not backing up.
            Direction dir = direction[d] == Direction.BACKWARD ? Direction.AROUND : direction[d];
            useSameDirection(direction[d], d, used);
            Measure angle = firstMeasure(MeasureKind.ANGLE, Math.min(t, d), used, problems);
            return new Reading(new Frame.Turn(dir, angle == null ? null : angle.value), used, problems);
        }

        Reading goTo() {
            if (places.isEmpty()) {
                return null;
            }
            PlaceSpan p = places.get(0);
            BitSet used = new BitSet();
            used.set(p.start, p.end);
            List<String> problems = new ArrayList<>();
            int verb = verbBefore(p.start, goToVerbs, MAX_GAP_TO_PLACE);
            if (verb < 0) {
                problems.add("no verb before the place");
            } else {
                used.set(verb);
                // "go back to", "go straight to": part of going there, not a move of their own.
                for (int i = verb + 1; i < p.start; i++) {
                    if (w.get(i).equals("back") || w.get(i).equals("straight")) {
                        used.set(i);
                    }
                }
                checkGap(verb, p.start, used, problems);
            }
            int before = p.start - 1;
            while (before >= 0 && DETERMINERS.contains(w.get(before))) {
                before--;
            }
            if (!isAt(before, PLACE_PREPOSITIONS)) {
                problems.add("no 'to' before the place");
            }
            return new Reading(new Frame.GoTo(p.place), used, problems);
        }

        Reading comeHere() {
            BitSet used = new BitSet();
            List<String> problems = new ArrayList<>();
            // The goal: "here" or "closer" anywhere; else "to me", "over" or "back" right after a come
            // verb, or "approach me".
            int goal = -1;
            for (int i = 0; i < n && goal < 0; i++) {
                if (HERE_WORDS.contains(w.get(i))) {
                    goal = i;
                }
            }
            for (int i = 1; i < n && goal < 0; i++) {
                if (!comeVerbs.contains(w.get(i - 1))) {
                    continue;
                }
                if (w.get(i).equals("to") && isAt(i + 1, PERSONS)) {
                    goal = i + 1;
                    used.set(i);
                } else if ((w.get(i).equals("over") || w.get(i).equals("back")) && !isAt(i + 1, PLACE_PREPOSITIONS)) {
                    goal = i;
                } else if (w.get(i).equals("over") && isAt(i + 1, Set.of("to")) && isAt(i + 2, PERSONS)) {
                    goal = i + 2;   // "come over to me"
                    used.set(i, i + 2);
                }
            }
            for (int i = 0; i + 1 < n && goal < 0; i++) {
                if (w.get(i).equals("approach") && isAt(i + 1, PERSONS)) {
                    goal = i;
                }
            }
            if (goal < 0) {
                return null;
            }
            used.set(goal);
            int verb = w.get(goal).equals("approach") ? goal : verbBefore(goal, comeVerbs, 3);
            if (verb < 0) {
                problems.add("no verb before '" + w.get(goal) + "'");
            } else {
                used.set(verb);
                for (int i = verb + 1; i < goal; i++) {
                    if (w.get(i).equals("back") || w.get(i).equals("over")) {
                        used.set(i);
                    }
                }
                checkGap(verb, goal, used, problems);
            }
            return new Reading(new Frame.ComeHere(), used, problems);
        }

        Reading followMe() {
            for (int i = 0; i < n; i++) {
                BitSet used = new BitSet();
                List<String> problems = new ArrayList<>();
                if (followVerbs.contains(w.get(i))) {
                    used.set(i);
                    if (i + 1 < n && !PERSONS.contains(w.get(i + 1))
                            && !Set.of("please", "now", "robot", "along").contains(w.get(i + 1))) {
                        problems.add("follow whom: '" + w.get(i + 1) + "'");
                    }
                    return new Reading(new Frame.FollowMe(), used, problems);
                }
                if ((w.get(i).equals("come") || w.get(i).equals("walk"))
                        && ((isAt(i + 1, Set.of("with")) && isAt(i + 2, PERSONS)) || isAt(i + 1, Set.of("along")))) {
                    used.set(i);
                    return new Reading(new Frame.FollowMe(), used, problems);
                }
            }
            return null;
        }

        /** "go to the meeting", "head to the charging": the first words of a place name, not all. */
        boolean endsInsidePlaceName() {
            if (!places.isEmpty() && places.get(places.size() - 1).end == n) {
                return false;
            }
            for (Place p : placeList) {
                for (List<String> phrase : p.phrases()) {
                    for (int k = 1; k < phrase.size(); k++) {
                        if (k <= n && w.subList(n - k, n).equals(phrase.subList(0, k))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** "go forward ten", "turn left ninety": a number after a motion verb, its unit not said yet. */
        boolean endsInBareNumberAfterVerb() {
            if (measures.isEmpty()) {
                return false;
            }
            Measure m = measures.get(measures.size() - 1);
            return m.kind == MeasureKind.BARE && m.end == n && firstVerb() >= 0 && firstVerb() < m.start;
        }

        /**
         * A motion verb and nothing it governs yet: "turn", "could you move", "take me". ("Follow me"
         * is whole: the one to follow is the speaker.)
         */
        boolean onlyVerbs() {
            return firstVerb() >= 0 && w.stream().noneMatch(followVerbs::contains)
                    && w.stream().allMatch(word -> isVerb(word) || BEFORE_ROLES.contains(word));
        }

        /** Roles (a measure, a place, a direction) and no verb. */
        boolean onlyRoles() {
            boolean way = false;
            for (Direction d : direction) {
                way |= d != null;
            }
            return firstVerb() < 0 && (way || !measures.isEmpty() || !places.isEmpty());
        }

        /** "go two meters": how far, but not which way ("go two meters … forward"). */
        boolean distanceWithoutDirection() {
            boolean distance = measures.stream().anyMatch(m -> m.kind == MeasureKind.DISTANCE);
            boolean way = false;
            for (Direction d : direction) {
                way |= d != null;
            }
            return distance && !way && firstVerb() >= 0 && moveVerbs.contains(w.get(firstVerb()));
        }

        boolean vagueAmount() {
            return w.stream().anyMatch(VAGUE_AMOUNTS::contains);
        }

        private int firstVerb() {
            for (int i = 0; i < n; i++) {
                if (isVerb(w.get(i)) && direction[i] == null) {
                    return i;
                }
            }
            return -1;
        }

        /** "straight ahead" says forward twice; that is emphasis, not a conflict. */
        private void useSameDirection(Direction dir, int first, BitSet used) {
            used.set(first);
            if (first + 1 < n && direction[first + 1] == dir) {
                used.set(first + 1);
            }
        }

        /** "go to the bathroom": a request to go somewhere, to no place this robot knows. */
        boolean unknownPlace() {
            for (int i = 0; i + 1 < n; i++) {
                if (goToVerbs.contains(w.get(i))) {
                    for (int j = i + 1; j < n && j <= i + 3; j++) {
                        if (PLACE_PREPOSITIONS.contains(w.get(j)) && j + 1 < n) {
                            int k = j + 1;
                            while (k < n && DETERMINERS.contains(w.get(k))) {
                                k++;
                            }
                            if (k < n && !role.get(k) && !PERSONS.contains(w.get(k)) && k > j + 1) {
                                return true;
                            }
                        }
                    }
                }
            }
            return false;
        }
    }
}
