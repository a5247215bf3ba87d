package dev.vigil.policy.watch;

import dev.vigil.policy.intent.NumberWords;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a person says about watches, in free phrasing: asking for one ("tell me when we reach
 * floor 16", "give me a shout once the screen shows ready", "warn me if the light turns red"), asking
 * which are set ("what are you watching for?") and taking one back ("stop watching the door").
 * <p>
 * A request is a lead-in that asks to be told ("tell me", "let me know", "warn me", "give me a
 * shout", …) followed by when ("when", "once", "if", "as soon as") and a clause; the clause is read
 * into a {@link Condition}: a floor or text shown on a display, a signal light's colour, a count of
 * people or objects above a number, someone or something arriving or leaving. An optional "for the
 * next 5 minutes" sets how long it lasts. Pure and thread-safe.
 */
public final class WatchRequests {

    /** What the words ask for. */
    public sealed interface Request {
    }

    /**
     * A new watch.
     *
     * @param clause   the condition as the person put it, from the robot's side ("we reach floor 16",
     *                 "you see more than three people"), for the robot's answers
     * @param forNanos how long it lasts, if they said; 0 for the default
     * @param repeat   "every time", "each time", "whenever": it fires again each time the condition
     *                 comes back, rather than once
     */
    public record Create(Condition condition, String alert, String clause, long forNanos, boolean repeat)
            implements Request {

        /** A watch that fires once. */
        public Create(Condition condition, String alert, String clause, long forNanos) {
            this(condition, alert, clause, forNanos, false);
        }
    }

    /** Asked to be told of something this reader has no condition for; the clause as said. */
    public record Unsupported(String clause) implements Request {
    }

    /** "What are you watching for?" */
    public record ListWatches() implements Request {
    }

    /** "Stop watching the door": {@code reference} names which ("" for the only one, "all"). */
    public record Cancel(String reference) implements Request {
    }

    private static final String LEAD = "(?:tell me|let me know|give me a (?:shout|call|heads up|heads-up|buzz)|warn me"
            + "|notify me|alert me|ping me|inform me|remind me|shout|speak up|call out|say something|let us know|tell us)";
    /**
     * The words of the lead-ins that ask to be told ("warn", "notify", "shout"…), taken from the lead-in
     * pattern itself (words of three letters or more: not "me", "a", "up", "us"): where the open tier
     * misheard one of them, the request is read with it respelled (IntentRecognizer#respelled).
     */
    public static final Set<String> LEAD_WORDS = Set.copyOf(Arrays.stream(LEAD.replaceAll("\\?:|[^a-z]", " ").split(" +"))
            .filter(w -> w.length() >= 3).toList());
    private static final String WHEN = "(?:when(?:ever)?|once|if|as soon as|the moment|the minute|the second"
            + "|every time|each time|any time|anytime)";
    private static final Pattern REPEATING = Pattern.compile("\\b(?:whenever|every time|each time|any time|anytime)\\s");
    private static final Pattern REQUEST = Pattern.compile("\\b" + LEAD + "\\s+" + WHEN + "\\s+(.+)$");
    private static final Pattern FOR_NEXT = Pattern.compile(
            "\\s*(?:,\\s*)?(?:for|in|within|during) the next (\\S+(?: \\S+)?) (second|minute|hour)s?$");
    private static final Pattern LIST = Pattern.compile("^(?:so |and |okay |ok )?(?:what (?:are|were) you (?:watching|"
            + "looking out|keeping an eye out|waiting|keeping watch)(?: for| out for)?|what (?:watches|alerts|reminders)"
            + " (?:do you have|are (?:set|there|on))|what are you keeping an eye on|are you watching (?:for )?anything"
            + "|(?:list|read out) (?:the |your |my )?(?:watches|alerts))\\b.*");
    private static final Pattern CANCEL = Pattern.compile("^(?:please )?(?:"
            + "(?:stop|quit) (?:watching|looking out|waiting|keeping an eye on|keeping watch)(?: out)?(?: for| on)?(.*)"
            + "|(?:cancel|forget|drop|remove|delete|clear) (?:about )?(?:the |my |that |your |all (?:the |my |your )?)?"
            + "(?:watch(?:es)?|alerts?|reminders?)(?: (?:for|about|on))?(.*)"
            + "|(?:you can |you may )?(?:stop|forget) (?:about )?(?:watching )?(the .+)"
            + "|(?:don't|do not|no need to) (?:tell me|let me know|warn me|bother)(?: about| when| if)?(.*)"
            + ")$");

    private static final Pattern FLOOR = Pattern.compile(
            "\\b(?:floor|level|storey|story)\\s+(?:number\\s+)?([a-z0-9]+(?: [a-z0-9]+){0,2})"
            + "|\\b(\\d+)(?:st|nd|rd|th)\\s+(?:floor|level)\\b|\\b(ground|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
            + "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\\s+(?:floor|level)\\b");
    /**
     * "we reach 16", and "we reach lower 16" (Whisper's "floor" under the robot's voice): a number a
     * word or two after arriving, which in a watch request is a floor.
     */
    private static final Pattern REACH = Pattern.compile("\\b(?:reach|reaches|get to|gets to|arrive at|arrives at"
            + "|are at|are on|hit|hits|make it to|come to|stop at|stops at)\\s+(?:the\\s+)?(?:\\p{L}+\\s+)?(\\d{1,3})\\b");
    private static final Pattern SHOWN = Pattern.compile("\\b(screen|display|sign|board|monitor|panel|message|label"
            + "|elevator|lift|indicator)\\s+(?:says|shows|reads|displays|changes to|turns to|switches to|goes to"
            + "|reaches|gets to|is at|hits|lights up with|shows the word|says the word)\\s+(.+)$");
    private static final Pattern LIGHT = Pattern.compile("\\b(?:lights?|signal)\\s+(?:turns|goes|is|changes to|becomes|switches to"
            + "|gets|has turned|turned|go|turn)\\s+(?:to\\s+)?(green|red|amber|yellow|orange)\\b");
    private static final Pattern MORE_THAN = Pattern.compile("\\b(more than|over|at least)\\s+(\\S+(?: \\S+){1,2})");
    private static final List<String> ORDINALS = List.of("ground", "first", "second", "third", "fourth", "fifth",
            "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
            "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth");
    private static final Pattern ARRIVES = Pattern.compile("\\b(someone|somebody|anyone|anybody|a person|a visitor"
            + "|a guest|people|a (\\p{L}+)|an (\\p{L}+))\\s+(?:comes?|walks?|steps?|gets?|enters?|arrives?|shows? up"
            + "|appears?|turns? up|comes? through|is at|knocks)\\b");
    private static final Pattern LEAVES = Pattern.compile("\\b(?:the|that|this|my|our)\\s+(\\p{L}+)\\s+(?:leaves|has left"
            + "|left|is gone|goes away|walks away|walks out|goes out|gets out|disappears|drives off|drives away"
            + "|runs off|runs away|is out of sight)\\b|\\b(everyone|everybody)\\s+(?:leaves|has left|is gone|goes)\\b");

    /** Singular class names of what the object detector names, by the words people use. */
    private static final Map<String, String> OBJECTS = Map.ofEntries(
            Map.entry("person", "person"), Map.entry("people", "person"), Map.entry("persons", "person"),
            Map.entry("man", "person"), Map.entry("men", "person"), Map.entry("woman", "person"),
            Map.entry("women", "person"), Map.entry("child", "person"), Map.entry("children", "person"),
            Map.entry("kid", "person"), Map.entry("kids", "person"), Map.entry("visitor", "person"),
            Map.entry("visitors", "person"), Map.entry("guest", "person"), Map.entry("guests", "person"),
            Map.entry("customer", "person"), Map.entry("customers", "person"), Map.entry("everyone", "person"),
            Map.entry("everybody", "person"), Map.entry("someone", "person"), Map.entry("somebody", "person"),
            Map.entry("dog", "dog"), Map.entry("dogs", "dog"), Map.entry("puppy", "dog"), Map.entry("cat", "cat"),
            Map.entry("cats", "cat"), Map.entry("kitten", "cat"), Map.entry("car", "car"), Map.entry("cars", "car"),
            Map.entry("bicycle", "bicycle"), Map.entry("bicycles", "bicycle"), Map.entry("bike", "bicycle"),
            Map.entry("bikes", "bicycle"), Map.entry("chair", "chair"), Map.entry("chairs", "chair"),
            Map.entry("bottle", "bottle"), Map.entry("bottles", "bottle"), Map.entry("cup", "mug"),
            Map.entry("mug", "mug"), Map.entry("laptop", "laptop"), Map.entry("book", "book"), Map.entry("books", "book"),
            Map.entry("face", "face"), Map.entry("faces", "face"));

    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "when", "whenever", "once", "if", "we", "me",
            "us", "tell", "let", "know", "for", "about", "on", "to", "of", "is", "are", "says", "say", "shows", "reach",
            "reaches", "comes", "come", "in", "watch", "watching", "watches", "stop", "i", "you", "it", "that", "this",
            "please", "my", "your", "and", "at", "get", "gets", "there", "than", "more", "as", "soon", "be", "can",
            "will", "would", "could", "alert", "alerts", "warn", "give", "shout", "cancel", "forget", "don't", "do",
            "not", "turns", "turn", "goes", "into", "one", "thing", "any", "longer", "anymore", "now", "with", "out");

    private WatchRequests() {
    }

    /** What {@code words} ask about watches, if anything. */
    public static Optional<Request> read(String words) {
        String text = normalise(words);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (LIST.matcher(text).matches()) {
            return Optional.of(new ListWatches());
        }
        Matcher cancel = CANCEL.matcher(text);
        if (cancel.matches()) {
            String reference = "";
            for (int g = 1; g <= cancel.groupCount(); g++) {
                if (cancel.group(g) != null) {
                    reference = cancel.group(g).strip();
                }
            }
            return Optional.of(new Cancel(reference));
        }
        Matcher request = REQUEST.matcher(text);
        if (!request.find()) {
            return Optional.empty();
        }
        String clause = request.group(1).strip();
        long forNanos = 0;
        Matcher next = FOR_NEXT.matcher(clause);
        if (next.find()) {
            Optional<Double> n = NumberWords.parse(next.group(1));
            if (n.isPresent()) {
                double unit = switch (next.group(2)) {
                    case "second" -> 1;
                    case "minute" -> 60;
                    default -> 3600;
                };
                forNanos = Math.round(n.get() * unit * 1e9);
                clause = clause.substring(0, next.start()).strip();
            }
        }
        clause = clause.replaceAll("\\s+please$", "").strip();
        String ours = fromRobotsSide(clause);
        boolean repeat = REPEATING.matcher(text).find();
        Optional<Create> made = condition(clause, ours, forNanos)
                .map(c -> new Create(c.condition(), c.alert(), c.clause(), c.forNanos(), repeat));
        return Optional.of(made.<Request>map(c -> c).orElse(new Unsupported(ours)));
    }

    private static Optional<Create> condition(String clause, String ours, long forNanos) {
        Matcher light = LIGHT.matcher(clause);
        if (light.find()) {
            String colour = switch (light.group(1)) {
                case "yellow", "orange", "amber" -> "amber";
                default -> light.group(1);
            };
            return Optional.of(new Create(new Condition.LightIs(colour), "The light is " + colour + " now.", ours, forNanos));
        }
        Matcher floor = FLOOR.matcher(clause);
        // Overlapping: in "my floor, floor 9" the first "floor" is no level, the second is.
        for (int from = 0; from < clause.length() && floor.find(from); from = floor.start() + 1) {
            Optional<String> level = floor.group(2) != null ? Optional.of(floor.group(2))
                    : floor.group(3) != null ? ordinal(floor.group(3)) : label(floor.group(1));
            if (level.isPresent()) {
                return Optional.of(new Create(new Condition.TextShown(level.get()),
                        "We've reached floor " + level.get() + ".", ours, forNanos));
            }
        }
        Matcher reach = REACH.matcher(clause);
        if (reach.find() && !SHOWN.matcher(clause).find()) {
            String level = String.valueOf(Integer.parseInt(reach.group(1)));
            return Optional.of(new Create(new Condition.TextShown(level), "We've reached floor " + level + ".", ours,
                    forNanos));
        }
        Matcher shown = SHOWN.matcher(clause);
        if (shown.find()) {
            String what = shown.group(2).replaceAll("^(?:the (?:word|number|text) |the )", "").strip();
            String noun = shown.group(1);
            if (noun.equals("elevator") || noun.equals("lift") || noun.equals("indicator")) {
                Optional<String> level = label(what.replaceAll("^(?:floor|level) ", ""));
                if (level.isPresent()) {
                    return Optional.of(new Create(new Condition.TextShown(level.get()),
                            "We've reached floor " + level.get() + ".", ours, forNanos));
                }
            } else if (!what.isEmpty()) {
                Optional<String> number = NumberWords.parse(what).filter(v -> v == Math.rint(v))
                        .map(v -> String.valueOf(v.longValue()));
                String target = number.orElse(what);
                return Optional.of(new Create(new Condition.TextShown(target),
                        "The " + noun + " says " + target + ".", ours, forNanos));
            }
        }
        Matcher more = MORE_THAN.matcher(clause);
        if (more.find()) {
            // "over five people here", "at least twenty one guests": the number, then the class.
            String[] words = more.group(2).split(" ");
            for (int n = 1; n < words.length; n++) {
                Optional<Double> count = NumberWords.parse(String.join(" ", Arrays.copyOf(words, n)))
                        .filter(v -> v >= 0 && v == Math.rint(v));
                String label = OBJECTS.get(words[n]);
                if (count.isPresent() && label != null) {
                    int above = more.group(1).equals("at least") ? count.get().intValue() - 1 : count.get().intValue();
                    return Optional.of(new Create(new Condition.CountAbove(label, Math.max(0, above)),
                            "There are " + more.group(1) + " " + String.join(" ", Arrays.copyOf(words, n + 1)) + " now.",
                            ours, forNanos));
                }
            }
        }
        Matcher leaves = LEAVES.matcher(clause);
        if (leaves.find()) {
            String who = leaves.group(1) != null ? leaves.group(1) : leaves.group(2);
            String label = OBJECTS.get(who);
            if (label != null) {
                String alert = leaves.group(2) != null ? "Everyone has left." : "The " + who + " has left.";
                return Optional.of(new Create(new Condition.Leaves(label), alert, ours, forNanos));
            }
        }
        Matcher arrives = ARRIVES.matcher(clause);
        if (arrives.find()) {
            String noun = arrives.group(2) != null ? arrives.group(2) : arrives.group(3);
            String label = noun == null ? "person" : OBJECTS.get(noun);
            if (label != null) {
                String alert = noun == null || label.equals("person") ? "Someone has come in."
                        : (arrives.group(3) != null ? "An " : "A ") + noun + " has come in.";
                return Optional.of(new Create(new Condition.Arrives(label), alert, ours, forNanos));
            }
        }
        return Optional.empty();
    }

    /** "fourth" → 4, "ground" → 0. */
    private static Optional<String> ordinal(String word) {
        int at = ORDINALS.indexOf(word);
        return at < 0 ? Optional.empty() : Optional.of(String.valueOf(at));
    }

    /** A floor's label: digits, a number in words, or a short code ("b2", "g"); upper-case. */
    private static Optional<String> label(String said) {
        String[] words = said.strip().split(" ");
        for (int n = Math.min(words.length, 3); n >= 1; n--) {
            Optional<Double> value = NumberWords.parse(String.join(" ", Arrays.copyOf(words, n)))
                    .filter(v -> v == Math.rint(v) && v >= 0);
            if (value.isPresent()) {
                return Optional.of(String.valueOf(value.get().longValue()));
            }
        }
        if (words[0].matches("[a-z]?\\d{1,3}[a-z]?|[a-z]")) {
            return Optional.of(words[0].toUpperCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** "I get to my floor" said to the robot is "you get to your floor" when the robot says it back. */
    static String fromRobotsSide(String clause) {
        String[] words = clause.split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = switch (words[i]) {
                case "i" -> "you";
                case "me" -> "you";
                case "my" -> "your";
                case "mine" -> "yours";
                case "i'm" -> "you're";
                case "you" -> i == 0 ? "I" : "me";
                case "your" -> "my";
                case "you're" -> "I'm";
                default -> words[i];
            };
        }
        return String.join(" ", words);
    }

    /** Lower case, words only: punctuation but apostrophes and hyphens dropped, spaces collapsed. */
    static String normalise(String words) {
        return words.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' -]", " ").replaceAll("\\s+", " ").strip();
    }

    /** The words of {@code text} that say what is meant (for picking out a watch): no function words. */
    static Set<String> meaningful(String text) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(normalise(text.replace('"', ' ')).split(" "))
                .filter(w -> !w.isEmpty() && !STOPWORDS.contains(w))
                .map(w -> OBJECTS.getOrDefault(w, w))
                .forEach(out::add);
        return out;
    }

    /** The conditions this reader knows, in words: what the robot says it can watch for. */
    public static final List<String> KINDS = List.of("a floor or text on a display", "a traffic light's colour",
            "more than a number of people or things", "someone or something arriving or leaving");
}
