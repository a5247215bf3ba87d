package dev.vigil.agent.vocabulary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The robot's command words, defined once in {@code vocabulary.yaml}: the command grammar of the
 * strict recogniser and the role parser's word lists are both made from it (docs/commands.md).
 *
 * <p>Each list of words has a {@code grammar} part, also put into the JSGF grammar, and an
 * {@code also} part understood only in the open tier's transcripts. Words are lower case; a phrase
 * (a place such as "meeting room") is words separated by single spaces.
 *
 * @param verbs       motion verbs by the frame they start: {@code move}, {@code turn}, {@code go_to},
 *                    {@code come}, {@code follow}
 * @param directions  direction words by the value in an intent's data: {@code forward}, {@code backward},
 *                    {@code left}, {@code right}, {@code around}
 * @param lengthUnits units of distance by name; {@code step}'s length is the robot's setting
 * @param angleUnits  units of angle (degrees)
 * @param numbers     the spoken number words
 * @param places      the places the robot can be sent to; a robot's own map replaces them
 *                    ({@link #withPlaces})
 */
public record Vocabulary(Map<String, Words> verbs, Map<String, Words> directions,
                         @JsonProperty("length_units") Map<String, LengthUnit> lengthUnits,
                         @JsonProperty("angle_units") Words angleUnits, Numbers numbers, List<Place> places) {

    /** The frames whose verbs the file must give. */
    public static final List<String> FRAMES = List.of("move", "turn", "go_to", "come", "follow");
    /** The directions the file must give, as they go into an intent's data. */
    public static final List<String> DIRECTIONS = List.of("forward", "backward", "left", "right", "around");
    /** The length unit whose size is the robot's step, a setting. */
    public static final String STEP = "step";

    private static final Pattern WORD = Pattern.compile("[a-z][a-z']*");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String BUILT_IN = "/dev/vigil/agent/vocabulary/vocabulary.yaml";
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * Words of one class.
     *
     * @param grammar words (or phrases) also put into the command grammar
     * @param also    words (or phrases) understood in open-tier transcripts only
     */
    public record Words(List<String> grammar, List<String> also) {
        public Words {
            grammar = checked(grammar, "grammar");
            also = checked(also, "also");
        }

        /** Grammar words first, then the others, each once. */
        public List<String> all() {
            Set<String> all = new LinkedHashSet<>(grammar);
            all.addAll(also);
            return List.copyOf(all);
        }
    }

    /**
     * A unit of distance.
     *
     * @param metres  its length in metres; null for the step, whose length is a setting
     * @param say     how a reply says one and several: {@code [meter, meters]}
     * @param grammar words also put into the command grammar
     * @param also    words understood in open-tier transcripts only
     */
    public record LengthUnit(Double metres, List<String> say, List<String> grammar, List<String> also) {
        public LengthUnit {
            if (metres != null && !(metres > 0 && Double.isFinite(metres))) {
                throw new IllegalArgumentException("metres: must be a positive number, got " + metres);
            }
            say = checked(say, "say");
            if (say.size() != 2) {
                throw new IllegalArgumentException("say: give the singular and the plural, got " + say);
            }
            grammar = checked(grammar, "grammar");
            also = checked(also, "also");
        }

        /** Every word for it, grammar words first. */
        public List<String> words() {
            return new Words(grammar, also).all();
        }
    }

    /**
     * Spoken number words.
     *
     * @param ones zero to nineteen, in order
     * @param tens twenty to ninety, in order
     */
    public record Numbers(List<String> ones, List<String> tens) {
        public Numbers {
            ones = checked(ones, "ones");
            tens = checked(tens, "tens");
            if (ones.size() != 20 || tens.size() != 8) {
                throw new IllegalArgumentException("numbers: ones must name 0 to 19 (20 words) and tens 20 to 90"
                        + " (8 words), got " + ones.size() + " and " + tens.size());
            }
        }
    }

    /**
     * A place the robot can be sent to.
     *
     * @param id      what goes into a {@code go_to} intent's {@code goal}: lower snake case, e.g.
     *                {@code meeting_room}, the form ROS navigation waypoints are usually named in
     * @param say     how a reply names it: "Going to {@code say}."
     * @param grammar phrases naming it that go into the command grammar
     * @param also    phrases naming it understood in open-tier transcripts only
     */
    public record Place(String id, String say, List<String> grammar, List<String> also) {
        public Place {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id: lower snake case such as meeting_room, got "
                        + (id == null ? "nothing" : "'" + id + "'"));
            }
            if (say == null || say.isBlank()) {
                throw new IllegalArgumentException("place " + id + ": say: how a reply names it is missing");
            }
            grammar = checked(grammar, "place " + id + ": grammar");
            also = checked(also, "place " + id + ": also");
            if (grammar.isEmpty() && also.isEmpty()) {
                throw new IllegalArgumentException("place " + id + ": no phrase names it (grammar, also)");
            }
        }

        /** Every phrase naming it, grammar phrases first, each as its words. */
        public List<List<String>> phrases() {
            return new Words(grammar, also).all().stream().map(p -> List.of(p.split(" "))).toList();
        }
    }

    public Vocabulary {
        // In the file's order (Map.copyOf's order changes from run to run): the grammar made from
        // them must be the same text every time.
        verbs = ordered(Objects.requireNonNull(verbs, "verbs"));
        directions = ordered(Objects.requireNonNull(directions, "directions"));
        lengthUnits = ordered(Objects.requireNonNull(lengthUnits, "length_units"));
        Objects.requireNonNull(angleUnits, "angle_units");
        Objects.requireNonNull(numbers, "numbers");
        places = List.copyOf(Objects.requireNonNull(places, "places"));
        requireKeys(verbs.keySet(), FRAMES, "verbs");
        requireKeys(directions.keySet(), DIRECTIONS, "directions");
        for (Map.Entry<String, LengthUnit> u : lengthUnits.entrySet()) {
            if (u.getValue().metres() == null && !u.getKey().equals(STEP)) {
                throw new IllegalArgumentException("length_units." + u.getKey() + ": metres is missing");
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Place p : places) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("places: '" + p.id() + "' is named twice");
            }
        }
    }

    /** The vocabulary that ships with Vigil, read once. */
    public static Vocabulary builtIn() {
        return BuiltIn.VOCABULARY;
    }

    /**
     * Reads a vocabulary file.
     *
     * @param source names the file in error messages
     * @throws IOException one line naming {@code source}, the key and the problem
     */
    public static Vocabulary read(InputStream in, String source) throws IOException {
        try {
            Vocabulary v = YAML.readValue(in, Vocabulary.class);
            if (v == null) {
                throw new IOException(source + ": empty vocabulary file");
            }
            return v;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(source + ": " + where(e) + cause.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new IOException(source + ": " + where(e) + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** This vocabulary with the robot's own places instead of the default map's. */
    public Vocabulary withPlaces(List<Place> robotPlaces) {
        return new Vocabulary(verbs, directions, lengthUnits, angleUnits, numbers, robotPlaces);
    }

    /** The words of {@code frame}'s verbs, grammar words first; empty for an unknown frame. */
    public List<String> verbs(String frame) {
        Words w = verbs.get(frame);
        return w == null ? List.of() : w.all();
    }

    /** The words the verbs put into the command grammar, phrases split into words. */
    public Set<String> grammarVerbs() {
        return splitWords(verbs.values().stream().flatMap(w -> w.grammar().stream()));
    }

    /**
     * The words the roles put into the command grammar (directions, units of distance and angle,
     * places), phrases split into words.
     */
    public Set<String> grammarRoleWords() {
        return splitWords(Stream.of(
                directions.values().stream().flatMap(w -> w.grammar().stream()),
                lengthUnits.values().stream().flatMap(u -> u.grammar().stream()),
                angleUnits.grammar().stream(),
                places.stream().flatMap(p -> p.grammar().stream())).flatMap(s -> s));
    }

    /**
     * Every word of the verbs, directions, units and places, grammar and open-tier words alike, phrases
     * split into words; numbers not included.
     */
    public Set<String> allWords() {
        return splitWords(Stream.of(
                verbs.values().stream().flatMap(w -> w.all().stream()),
                directions.values().stream().flatMap(w -> w.all().stream()),
                lengthUnits.values().stream().flatMap(u -> u.words().stream()),
                angleUnits.all().stream(),
                places.stream().flatMap(p -> new Words(p.grammar(), p.also()).all().stream())).flatMap(s -> s));
    }

    /**
     * The robot's words as one line of text for an open recogniser's prompt (Whisper's
     * {@code initial_prompt}): "Robot, go, move, … degrees, kitchen, meeting room, …." — every verb and
     * direction, each unit of distance and angle as it is said of many, and every phrase naming
     * a place (the article of a place's {@code say} dropped), each once, in the file's order. Whisper
     * writes what follows a prompt in its words: "pivot" where it wrote "give it".
     */
    public String promptText() {
        Set<String> words = new LinkedHashSet<>();
        verbs.values().forEach(w -> words.addAll(w.all()));
        directions.values().forEach(w -> words.addAll(w.all()));
        lengthUnits.values().forEach(u -> words.add(u.say().get(u.say().size() - 1)));
        List<String> angles = angleUnits.all();
        if (!angles.isEmpty()) {
            words.add(angles.get(angles.size() - 1));
        }
        for (Place p : places) {
            words.add(p.say().startsWith("the ") ? p.say().substring(4) : p.say());
            words.addAll(new Words(p.grammar(), p.also()).all());
        }
        return "Robot, " + String.join(", ", words) + ".";
    }

    private static Set<String> splitWords(Stream<String> phrases) {
        Set<String> out = new LinkedHashSet<>();
        phrases.forEach(p -> out.addAll(List.of(p.split(" "))));
        return Collections.unmodifiableSet(out);
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "" : path + ": ";
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireKeys(Set<String> given, List<String> required, String what) {
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(given);
        List<String> unknown = new ArrayList<>(given);
        unknown.removeAll(required);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(what + ": expected exactly " + required
                    + (missing.isEmpty() ? "" : ", missing " + missing) + (unknown.isEmpty() ? "" : ", unknown " + unknown));
        }
    }

    private static List<String> checked(List<String> list, String what) {
        if (list == null) {
            return List.of();
        }
        for (String phrase : list) {
            if (phrase == null || phrase.isEmpty()) {
                throw new IllegalArgumentException(what + ": an empty word");
            }
            for (String word : phrase.split(" ", -1)) {
                if (!WORD.matcher(word).matches()) {
                    throw new IllegalArgumentException(what + ": '" + phrase
                            + "' is not lower-case words separated by single spaces");
                }
            }
        }
        return List.copyOf(list);
    }

    /** Read on first use: a broken built-in file is a bug in the build, not the user's input. */
    private static final class BuiltIn {
        static final Vocabulary VOCABULARY = load();

        private static Vocabulary load() {
            try (InputStream in = Vocabulary.class.getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in vocabulary " + BUILT_IN + " is missing from the build");
                }
                return read(in, BUILT_IN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
