package dev.vigil.policy.scene;

import dev.vigil.agent.message.Observation;
import dev.vigil.agent.message.SceneObservations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Questions about what the camera shows, answered from the vision engines' latest observations (the
 * unit's {@code scene}): "what do you see?", "what does the sign say?", "what floor are we on?", "how
 * many people are there?", "what colour is the light?". Pure and thread-safe.
 */
public final class SceneQuestions {

    /** How old the newest observation may be before the answer says it is what the robot last saw. */
    static final long FRESH_NANOS = 5_000_000_000L;

    private static final Pattern SEE = Pattern.compile("\\b(?:what (?:do|can) you see|what are you (?:seeing|looking at)"
            + "|what's in front of you|what is in front of you|describe what you see|tell me what you see"
            + "|what does the camera (?:see|show))\\b");
    private static final Pattern READ = Pattern.compile("\\b(?:what does (?:the|that|this) (?:sign|screen|display|board"
            + "|monitor|panel|label|note|message) (?:say|show|read)|what(?:'s| is) written|read (?:the|that|this|it)"
            + "(?: sign| screen| display| board| out)?|what does it say)\\b");
    private static final Pattern FLOOR = Pattern.compile("\\b(?:what|which) (?:floor|level) (?:are we on|is this|are we at"
            + "|is it)\\b");
    private static final Pattern HOW_MANY = Pattern.compile("\\bhow many (\\p{L}+)\\b");
    private static final Pattern LIGHT = Pattern.compile("\\b(?:what colou?r is the (?:traffic )?light|is the (?:traffic )?"
            + "light (?:red|green|amber|yellow|on)|what(?:'s| is) the light (?:showing|doing))\\b");
    private static final Map<String, String> PLURALS = Map.ofEntries(Map.entry("people", "person"),
            Map.entry("persons", "person"), Map.entry("dogs", "dog"), Map.entry("cats", "cat"), Map.entry("cars", "car"),
            Map.entry("chairs", "chair"), Map.entry("bottles", "bottle"), Map.entry("books", "book"),
            Map.entry("faces", "face"), Map.entry("bicycles", "bicycle"), Map.entry("bikes", "bicycle"),
            Map.entry("laptops", "laptop"), Map.entry("cups", "mug"), Map.entry("mugs", "mug"));

    private SceneQuestions() {
    }

    /**
     * The answer to {@code words} if they ask about the scene, else empty.
     *
     * @param scene    each engine's latest observations (empty: the robot has no vision)
     * @param nowNanos session time, to tell a stale scene
     */
    public static Optional<String> answer(String words, List<SceneObservations> scene, long nowNanos) {
        String text = words.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").replaceAll("\\s+", " ").strip();
        boolean see = SEE.matcher(text).find();
        boolean read = READ.matcher(text).find();
        boolean floor = FLOOR.matcher(text).find();
        boolean light = LIGHT.matcher(text).find();
        Matcher many = HOW_MANY.matcher(text);
        String countOf = many.find() ? PLURALS.getOrDefault(many.group(1), null) : null;
        if (!see && !read && !floor && !light && countOf == null) {
            return Optional.empty();
        }
        if (scene.isEmpty()) {
            return Optional.of("I can't see anything: I have no camera, or it shows me nothing yet.");
        }
        long newest = scene.stream().mapToLong(SceneObservations::captureNanos).max().orElse(0);
        String prefix = nowNanos - newest > FRESH_NANOS ? "Last I saw, " : "";
        List<Observation> all = scene.stream().flatMap(s -> s.observations().stream()).toList();
        List<String> texts = all.stream().filter(o -> o.kind() == Observation.Kind.TEXT).map(Observation::label).toList();
        List<String> lights = all.stream().filter(o -> o.kind() == Observation.Kind.LIGHT).map(Observation::label)
                .distinct().toList();
        String answer;
        if (floor) {
            Optional<String> level = texts.stream().map(String::strip).filter(t -> t.matches("[A-Za-z]?\\d{1,3}[A-Za-z]?|[A-Z]"))
                    .findFirst();
            answer = level.map(l -> "we're on floor " + l + ".").orElse(null);
            if (answer == null) {
                return Optional.of("I can't see a floor number.");
            }
        } else if (read) {
            if (texts.isEmpty()) {
                return Optional.of("I can't read any text right now.");
            }
            answer = "it says " + quoted(texts) + ".";
        } else if (light) {
            if (lights.isEmpty()) {
                return Optional.of("I don't see a lit signal light.");
            }
            answer = "the light is " + String.join(" and ", lights) + ".";
        } else if (countOf != null) {
            long n = all.stream().filter(o -> (o.kind() == Observation.Kind.OBJECT || o.kind() == Observation.Kind.FACE)
                    && o.label().equals(countOf)).count();
            answer = n == 0 ? "I don't see any " + many.group(1) + "." : "I see " + n + " " + (n == 1 ? countOf : many.group(1)) + ".";
        } else {
            answer = describe(texts, all, lights);
        }
        return Optional.of(prefix.isEmpty() ? Character.toUpperCase(answer.charAt(0)) + answer.substring(1)
                : prefix + answer);
    }

    private static String describe(List<String> texts, List<Observation> all, List<String> lights) {
        List<String> parts = new ArrayList<>();
        Map<String, Integer> objects = new LinkedHashMap<>();
        for (Observation o : all) {
            if (o.kind() == Observation.Kind.OBJECT || o.kind() == Observation.Kind.FACE) {
                objects.merge(o.label(), 1, Integer::sum);
            }
        }
        if (!objects.isEmpty()) {
            List<String> named = new ArrayList<>();
            objects.forEach((label, n) -> named.add(n == 1 ? "a " + label : n + " " + plural(label)));
            parts.add("I see " + String.join(", ", named));
        }
        if (!texts.isEmpty()) {
            parts.add("I can read " + quoted(texts));
        }
        if (!lights.isEmpty()) {
            parts.add("a signal light shows " + String.join(" and ", lights));
        }
        return parts.isEmpty() ? "nothing I can name right now." : String.join("; ", parts) + ".";
    }

    private static String plural(String label) {
        return label.equals("person") ? "people" : label + "s";
    }

    private static String quoted(List<String> texts) {
        List<String> shown = texts.stream().limit(3).map(t -> "\"" + t + "\"").toList();
        return String.join(" and ", shown) + (texts.size() > 3 ? " and more" : "");
    }
}
