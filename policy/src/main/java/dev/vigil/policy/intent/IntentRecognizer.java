package dev.vigil.policy.intent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Transcript;
import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.policy.intent.Interpretation.Confirm;
import dev.vigil.policy.intent.Interpretation.NotUnderstood;
import dev.vigil.policy.intent.Interpretation.Understood;
import dev.vigil.policy.intent.embedding.SentenceEncoder;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the person said into what the robot does and says.
 *
 * <p>Two readers work on every final transcript. A sentence embedding, compared with example
 * utterances, tells which <em>kind</em> of intent it is (or that it is something the robot cannot
 * do); rules ({@link RoleParser}) read the roles (direction, distance, angle, place) and check that
 * the words make exactly one well-formed command. The embedding alone cannot be trusted with roles:
 * "could you rotate to your left a bit" scores 0.59 against "turn left" and 0.51 against "turn
 * right".
 *
 * <p>The decision rule follows from a misheard motion command being worse than a question back:
 * <ul>
 *   <li>{@code stop} wins at once, on any transcript that starts with a stop word ({@link #isStop});
 *   <li>a final of the command grammar carrying the open tier's words for the same audio is
 *       cross-checked: its motion command stands only if the open tier heard the same act; otherwise
 *       the open tier's words are read instead (see {@link #interpret(Transcript, String)});
 *   <li>a motion intent is {@link Understood} only when the words are the command grammar's
 *       ({@link Transcript.Tier#GRAMMAR}; the open tier's are at most asked about), the rules find one consistent frame, the
 *       embedding agrees on its kind clearly, and the ASR confidence times the match strength is
 *       at least {@value #ACT_CONFIDENCE}; a frame that almost fits, or fits with weak support, is
 *       put as a {@link Confirm} question; anything less is {@link NotUnderstood};
 *   <li>other intents (greet, cancel, repeat, what can you do) need only the embedding;
 *   <li>requests nearer the out-of-domain examples than any intent get "Sorry, I can't do that
 *       yet.", and noise, fillers and jumbled command words "Sorry, I didn't catch that.".
 * </ul>
 *
 * <p>Models load once, in the constructor. Safe to use from several threads; model runs take turns.
 */
public final class IntentRecognizer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(IntentRecognizer.class.getName());

    public static final int STOP_PRIORITY = 255;

    public static final String DIDNT_CATCH = "Sorry, I didn't catch that.";
    public static final String CANT_DO = "Sorry, I can't do that yet.";
    public static final String UNKNOWN_PLACE = "Sorry, I don't know that place yet.";
    public static final String ENGLISH_ONLY = "Sorry, I only understand English for now.";

    /** The open tier's words carry no score (Whisper's graph gives none): a fixed middle value. */
    static final float OPEN_TIER_CONFIDENCE = 0.5f;
    /** Least ASR confidence × match strength to act on a motion command rather than ask. */
    static final double ACT_CONFIDENCE = 0.5;
    /** Least embedding score of a frame's kind to act on it... */
    static final float MOTION_MIN = 0.50f;
    /** ...and its lead over every kind that would not move the robot, out-of-domain included. */
    static final float MOTION_MARGIN = 0.08f;
    /** How far another motion kind may lead: the rules tell "move left" from "turn left" better. */
    static final float MOTION_KIND_SLACK = 0.15f;
    /** Least embedding score of a frame's kind to ask about it. */
    static final float CONFIRM_MIN = 0.40f;
    /** Least embedding score, and lead over the runner-up, for an intent that does not move. */
    static final float OTHER_MIN = 0.50f;
    static final float OTHER_MARGIN = 0.08f;
    /** Stopping wrongly costs little, so a stop-like utterance need not lead by much. */
    static final float STOP_MIN = 0.60f;

    /** Sounds with no content: a transcript of only these is noise. */
    private static final Set<String> NOISE = Set.of(
            "uh", "um", "umm", "uhm", "er", "erm", "ah", "hmm", "hm", "mm", "mmm", "eh", "huh", "oh",
            "the", "a", "an", "and", "of", "to", "so", "like", "well");
    /** Words that carry no request of their own, for telling a request from a jumble. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "about", "from",
            "is", "are", "was", "be", "it", "its", "that", "this", "these", "those", "there", "what",
            "i", "me", "my", "you", "your", "we", "us", "our", "can", "could", "would", "will", "do",
            "please", "robot", "now", "just", "some", "any", "uh", "um", "oh", "so", "like", "well");

    /** How a request may end by addressing it, or by asking it to act at once. */
    private static final Set<String> TRAILING_ADDRESS = Set.of("robot", "now", "please");
    /** Words that open a question about the world ("where is the elevator"), not a command. */
    private static final Set<String> INTERROGATIVES = Set.of("where", "what", "which", "who", "why", "how", "when");

    private static final String[] STOP_WORDS = {"stop", "halt", "freeze", "whoa", "woah"};
    /** What may come before a stop word: "wait stop", "no no stop", "hey robot stop". */
    private static final String[] STOP_LEAD_INS = {
        "wait", "no", "hey", "robot", "please", "okay", "ok", "oh", "just", "now", "so", "uh", "um", "er", "and",
        "emergency", "vigil", "hold"};

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SentenceEncoder encoder;
    private final ExemplarIndex exemplars;
    private final CommandReader reader;
    private final RoleParser parser;
    private final String capabilities;
    /** Whether a word heard may have been another (one phone apart): see {@link #respelled}. */
    private final BiPredicate<String, String> soundAlike;

    /** No word sounds like another: the open tier's words are read as written. */
    public static final BiPredicate<String, String> NO_WORDS_ALIKE = (heard, word) -> false;
    /** Respellings tried on one transcript at most: each costs a sentence embedding (a few ms). */
    static final int MAX_RESPELLINGS = 6;

    /** Loads the models named in the classpath's model catalog, through the environment's model store. */
    public IntentRecognizer() throws ModelFetchException, EngineException {
        this(ModelCatalog.load(), ModelStore.fromEnvironment(), EngineOptions.defaults());
    }

    /** The built-in vocabulary: see {@link #IntentRecognizer(ModelCatalog, ModelStore, EngineOptions, CommandReader)}. */
    public IntentRecognizer(ModelCatalog catalog, ModelStore store, EngineOptions options)
            throws ModelFetchException, EngineException {
        this(catalog, store, options, CommandReader.builtIn());
    }

    /**
     * @param reader the robot's command words and places, and its step length
     * @throws ModelFetchException the sentence encoder cannot be fetched or read
     * @throws EngineException     it cannot be opened
     */
    public IntentRecognizer(ModelCatalog catalog, ModelStore store, EngineOptions options, CommandReader reader)
            throws ModelFetchException, EngineException {
        this(catalog, store, options, reader, NO_WORDS_ALIKE);
    }

    /**
     * @param reader     the robot's command words and places, and its step length
     * @param soundAlike whether a word the open tier wrote ({@code heard}) may have been one of the
     *                   robot's words ({@code word}) said: e.g. one phone apart in a pronouncing
     *                   dictionary (the speech module's {@code SoundsAlike::alike}); see {@link #respelled}
     * @throws ModelFetchException the sentence encoder cannot be fetched or read
     * @throws EngineException     it cannot be opened
     */
    public IntentRecognizer(ModelCatalog catalog, ModelStore store, EngineOptions options, CommandReader reader,
                            BiPredicate<String, String> soundAlike) throws ModelFetchException, EngineException {
        this(SentenceEncoder.open(catalog, store, options), reader, soundAlike);
    }

    /** Takes ownership of {@code encoder}: {@link #close()} closes it. The built-in vocabulary. */
    public IntentRecognizer(SentenceEncoder encoder) throws EngineException {
        this(encoder, CommandReader.builtIn());
    }

    /** Takes ownership of {@code encoder}: {@link #close()} closes it. */
    public IntentRecognizer(SentenceEncoder encoder, CommandReader reader) throws EngineException {
        this(encoder, reader, NO_WORDS_ALIKE);
    }

    /** Takes ownership of {@code encoder}: {@link #close()} closes it. See the constructor above. */
    public IntentRecognizer(SentenceEncoder encoder, CommandReader reader, BiPredicate<String, String> soundAlike)
            throws EngineException {
        this.encoder = encoder;
        this.reader = reader;
        this.soundAlike = java.util.Objects.requireNonNull(soundAlike, "soundAlike");
        this.parser = reader.parser();
        this.capabilities = capabilities(reader.places());
        try {
            this.exemplars = ExemplarIndex.load(encoder);
        } catch (EngineException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /**
     * Whether a transcript, partial or final, asks the robot to stop: a stop word ("stop", "halt",
     * "freeze", "whoa") as the first word, or after at most three lead-ins such as "wait", "no",
     * "hey robot", "please". "Don't stop" and "go to the bus stop" do not count.
     *
     * <p>Allocation-free, for calling on every partial result: motion and speech should stop at the
     * word, not at the end of the utterance or after an embedding.
     */
    public static boolean isStop(String partialText) {
        if (partialText == null) {
            return false;
        }
        int n = partialText.length();
        int i = 0;
        for (int word = 0; word < 4; word++) {
            while (i < n && !isWordChar(partialText.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isWordChar(partialText.charAt(i))) {
                i++;
            }
            if (start == i) {
                return false;
            }
            if (isOneOf(partialText, start, i, STOP_WORDS)) {
                return true;
            }
            if (!isOneOf(partialText, start, i, STOP_LEAD_INS)) {
                return false;
            }
        }
        return false;
    }

    /** {@link #interpret(Transcript, String)} for a speaker the robot has not identified. */
    public Interpretation interpret(Transcript transcript) {
        return interpret(transcript, Intent.UNKNOWN_AGENT);
    }

    /**
     * What {@code transcript} asks for. Meant for final transcripts: on partial ones, {@link #isStop}
     * is the check to run. A grammar final with the open tier's words ({@link Transcript#openText()})
     * is decided from both: the grammar's motion command stands only if the open tier heard the same
     * act (intent and roles); otherwise the open tier's words are the turn, unverified (a motion
     * command in them is asked about, never acted on). A stop word in either wins; where the open tier
     * heard nothing, a motion command of the grammar is asked about.
     *
     * @param speaker who said it: the intent's {@code source}, and the person to greet, come to or
     *                follow
     */
    public Interpretation interpret(Transcript transcript, String speaker) {
        if (transcript.tier() == Transcript.Tier.GRAMMAR && transcript.openText() != null) {
            return crossChecked(transcript, speaker);
        }
        return transcript.tier() == Transcript.Tier.OPEN ? openReading(transcript, speaker) : alone(transcript, speaker);
    }

    /** The open tier's words, {@link #respelled respelled} where the policy cannot use them as written. */
    private Interpretation openReading(Transcript heard, String speaker) {
        Interpretation first = alone(heard, speaker);
        boolean unusable = first instanceof NotUnderstood n && !n.reply().equals(ENGLISH_ONLY)
                || first instanceof Confirm && !parser.parse(words(heard.text())).consistent();
        return unusable ? respelled(heard, speaker).orElse(first) : first;
    }

    /**
     * The open tier's words with one word read as one of the robot's words that sounds like it, where
     * that gives a request the rules can place whole: Whisper tiny wrote "face lift" for "face left",
     * "the charging duck" for "the charging dock", "head to the lunge" for "the lounge". Tried only on
     * words that are neither numbers nor function words, at most {@value #MAX_RESPELLINGS} respellings,
     * in the order of the words. Contextual biasing after the fact: the recogniser was not told the
     * robot's words. A respelled motion is still the open tier's, so it is asked about, never acted on.
     */
    private Optional<Interpretation> respelled(Transcript heard, String speaker) {
        return respelling(words(heard.text()), reader.words(), other -> {
            Interpretation reading = alone(unverified(heard, String.join(" ", other)), speaker);
            return reading instanceof Understood || reading instanceof Confirm && parser.parse(other).consistent()
                    ? Optional.of(reading) : Optional.empty();
        });
    }

    /**
     * The open tier's words with one word read as a word of {@code vocabulary} that sounds like it,
     * where {@code reads} makes something of the result: the same rule as for the robot's commands,
     * for other readers of requests (watch requests: Whisper tiny wrote "warm me if the light turns
     * red"). Lowercase words, as {@code heard} was written otherwise.
     *
     * @return what {@code reads} made of the first respelling it accepted; empty if none
     */
    public <T> Optional<T> respelled(String heard, Set<String> vocabulary, Function<String, Optional<T>> reads) {
        return respelling(words(heard), vocabulary, other -> reads.apply(String.join(" ", other)));
    }

    private <T> Optional<T> respelling(List<String> words, Set<String> vocabulary, Function<List<String>, Optional<T>> reads) {
        int tried = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (FUNCTION_WORDS.contains(w) || NOISE.contains(w) || NumberWords.parse(w).isPresent()) {
                continue;
            }
            for (String word : vocabulary) {
                if (word.equals(w) || !soundAlike.test(w, word)) {
                    continue;
                }
                if (++tried > MAX_RESPELLINGS) {
                    return Optional.empty();
                }
                List<String> other = new ArrayList<>(words);
                other.set(i, word);
                Optional<T> reading = reads.apply(other);
                if (reading.isPresent()) {
                    LOG.log(Level.DEBUG, "\"{0}\" read as \"{1}\"", String.join(" ", words), String.join(" ", other));
                    return reading;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The words of {@code text} that carry content: not function words ("the", "you", "please"), not
     * sounds ("uh", "hmm"). Lowercase, as {@link #interpret} reads words ("10m" is "10 meters").
     */
    public static List<String> contentWords(String text) {
        return words(text == null ? "" : text).stream()
                .filter(w -> !FUNCTION_WORDS.contains(w) && !NOISE.contains(w)).toList();
    }

    /**
     * Whether the two tiers heard {@code heard}'s audio alike, as far as a word in common tells: a
     * content word ({@link #contentWords}) of the grammar's that the open tier also wrote, the same,
     * the same number ("ten", "10") or one phone apart (the rule of {@link #respelled}). True when
     * there is nothing to compare: no open-tier words, or no content words on one side. awb's "uh huh"
     * over the robot came out as "so help" from the grammar and "no no" from Whisper; a person's words
     * share at least one.
     */
    public boolean tiersShareAWord(Transcript heard) {
        if (heard.tier() == Transcript.Tier.OPEN) {
            return true;
        }
        List<String> grammar = contentWords(heard.text());
        List<String> open = contentWords(heard.openText());
        if (grammar.isEmpty() || open.isEmpty()) {
            return true;
        }
        for (String g : grammar) {
            Optional<Double> number = NumberWords.parse(g);
            for (String o : open) {
                if (g.equals(o) || soundAlike.test(o, g)
                        || number.isPresent() && number.equals(NumberWords.parse(o))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the policy cannot use this final as heard, in a way a second, more thorough listen to
     * the same audio may mend: it looks like one of the robot's commands misheard. True when
     * <ul>
     *   <li>it would get "Sorry, I didn't catch that." and has words that are not just noise;
     *   <li>it would get "Sorry, I can't do that yet." (or "I don't know that place") and its words
     *       hold some of the robot's roles (a direction, a measure, a place): "cut your old flower down
     *       out 3 meters" for "could you roll forward about three meters". A request of other words
     *       ("how many moons does jupiter have") is answered at once: a second listen would only
     *       delay the same honest answer;
     *   <li>it would be asked about with words the rules could not all place ("drive forward for the
     *       meters", forty misheard).
     * </ul>
     * Never for a stop, another language, a final without words, or one acted on.
     */
    public boolean worthAnotherListen(Transcript transcript) {
        String text = transcript.openText() != null && !transcript.openText().isBlank() ? transcript.openText()
                : transcript.text();
        List<String> words = words(text == null ? "" : text);
        if (words.isEmpty() || words.stream().allMatch(NOISE::contains) || isStop(transcript.text())) {
            return false;
        }
        Interpretation i = interpret(transcript);
        RoleParser.Parse parse = parser.parse(words);
        if (i instanceof Confirm) {
            return !parse.consistent();
        }
        if (i instanceof NotUnderstood n) {
            return n.reply().equals(DIDNT_CATCH)
                    || (n.reply().equals(CANT_DO) || n.reply().equals(UNKNOWN_PLACE)) && parse.roleWords() > 0;
        }
        return false;
    }

    /**
     * Two tiers, one decision: the grammar's final and the open tier's words for the same audio.
     * <ul>
     *   <li>A stop word in the grammar's words wins (the open tier's stop words win as its reading).
     *   <li>The grammar's motion command is acted on only if the open tier heard the same act (intent
     *       and roles in SI units: "ten meters" and "10 meters" agree) in words that make the command
     *       by themselves (verb included); at a low grammar confidence (its strict decoder did not
     *       agree), at the two witnesses' combined confidence ({@link #corroborated}). The grammar
     *       forces speech onto its phrasings: "please water the plants in the garden" came out, both of its decoders
     *       agreeing, as "please walk to the left ten foot robot", and "drive ahead fourteen meters"
     *       as "four meters".
     *   <li>Otherwise it is asked about: with the open tier's roles where the two disagree on one (a
     *       number the grammar does not know), with the grammar's where the open tier missed one
     *       ("move back to your meters" for "two") or heard no command in words much like the
     *       grammar's ("what for what three meters" for "walk forward three meters": half the
     *       grammar's words or more among the open tier's); when the open tier heard other words
     *       altogether, its reading is the turn ("Sorry, I can't do that yet." to the plants).
     *   <li>A turn that does not move keeps the grammar's reading (with its confidence) unless the open
     *       tier's words are another request of their own (an intent the policy understood, or a motion
     *       it asks about) or the grammar's were not understood either: Whisper tiny misheard "say that
     *       again" as "save that again".
     *   <li>Where the open tier heard no words, the grammar's stand, a motion command as a question.
     * </ul>
     */
    private Interpretation crossChecked(Transcript grammar, String speaker) {
        Interpretation heard = alone(grammar.withOpenText(null), speaker);
        if (isStop(grammar.text())) {
            return heard;
        }
        Intent act = motion(heard);
        Interpretation asked = act == null ? heard : alone(unverified(grammar, grammar.text()), speaker);
        if (grammar.openText().isBlank()) {
            return asked;
        }
        Interpretation open = openReading(unverified(grammar, grammar.openText()), speaker);
        Intent openAct = motion(open);
        if (act == null) {
            boolean same = heard instanceof Understood h && open instanceof Understood o && sameAct(h.intent(), o.intent());
            return !same && (open instanceof Understood || openAct != null || heard instanceof NotUnderstood) ? open : heard;
        }
        // Agreement needs the open tier's words to make the command by themselves: "give it to your
        // right" (Whisper, 8 kHz) has the direction of "head to your right" but no verb; that is a
        // question, not a second witness.
        if (openAct != null && sameAct(openAct, act) && parser.parse(words(grammar.openText())).consistent()) {
            return heard instanceof Confirm ? alone(corroborated(grammar), speaker) : heard;
        }
        if (openAct != null && openAct.intent().equals(act.intent()) && missesOnlyRoles(openAct, act)) {
            return asked;
        }
        if (openAct != null) {
            return open;
        }
        return sharedWords(grammar.text(), grammar.openText()) >= 0.5 ? asked : open;
    }

    /**
     * A grammar final the open tier heard as the same act, in words that make the command by
     * themselves: two recognisers that share no model agree, so its confidence is theirs combined as
     * independent witnesses, 1 − (1 − grammar)(1 − {@value #OPEN_TIER_CONFIDENCE}). The grammar's strict
     * decoder is the witness that keeps speech outside the grammar from being forced onto a command;
     * over a radio it rejected "go to the kitchen" (confidence 0.3, Sphinx4Asr) that its permissive
     * decoder and Whisper both heard, and the robot asked back every command said over the radio.
     * 0.3 becomes 0.65: acted on when the words match the command's exemplars well (a match
     * strength of 0.77 or more), asked about otherwise.
     */
    private static Transcript corroborated(Transcript grammar) {
        float combined = 1 - (1 - grammar.confidence()) * (1 - OPEN_TIER_CONFIDENCE);
        return new Transcript(grammar.text(), true, Math.max(grammar.confidence(), combined), grammar.startNanos(),
                grammar.endNanos(), grammar.language(), Transcript.Tier.GRAMMAR, null);
    }

    /** The same intent with the same roles, whatever the confidence. */
    private static boolean sameAct(Intent a, Intent b) {
        return a.intent().equals(b.intent()) && a.data().equals(b.data());
    }

    /** Every role of {@code fewer} is in {@code more} with the same value, and more has others. */
    private static boolean missesOnlyRoles(Intent fewer, Intent more) {
        try {
            var less = JSON.readTree(fewer.data());
            var all = JSON.readTree(more.data());
            for (var field : less.properties()) {
                if (!field.getValue().equals(all.get(field.getKey()))) {
                    return false;
                }
            }
            return less.size() < all.size();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The share of {@code grammar}'s words that are among {@code open}'s (each used once), a number
     * word and its digits counting alike ("three", "3").
     */
    static double sharedWords(String grammar, String open) {
        List<String> said = numbersAsValues(words(grammar));
        List<String> heard = new ArrayList<>(numbersAsValues(words(open)));
        if (said.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String w : said) {
            if (heard.remove(w)) {
                shared++;
            }
        }
        return shared / (double) said.size();
    }

    private static List<String> numbersAsValues(List<String> words) {
        return words.stream().map(w -> NumberWords.parse(w).map(v -> "#" + v).orElse(w)).toList();
    }

    /** {@code text} as the open tier's words for the audio of {@code segment} (either tier's final). */
    private static Transcript unverified(Transcript segment, String text) {
        return new Transcript(text, true, OPEN_TIER_CONFIDENCE, segment.startNanos(), segment.endNanos(),
                segment.language(), Transcript.Tier.OPEN);
    }

    /** The motion intent acted on or asked about, or null. */
    private static Intent motion(Interpretation interpretation) {
        Intent intent = interpretation instanceof Understood u ? u.intent()
                : interpretation instanceof Confirm c ? c.candidate() : null;
        return intent != null && IntentKind.fromWireName(intent.intent()).map(IntentKind::isMotion).orElse(false)
                ? intent : null;
    }

    private Interpretation alone(Transcript transcript, String speaker) {
        String text = transcript.text() == null ? "" : transcript.text();
        float asr = Math.max(0, Math.min(1, transcript.confidence()));
        Asker asker = new Asker(speaker, transcript.endNanos());
        if (isOtherLanguage(transcript.language())) {
            return new NotUnderstood(ENGLISH_ONLY);
        }
        List<String> words = words(text);
        if (words.stream().allMatch(NOISE::contains)) {
            return new NotUnderstood(DIDNT_CATCH);
        }
        if (isStop(text)) {
            return new Understood(asker.intent(IntentKind.STOP, null, asr), "Stopping.");
        }
        float[] embedding;
        try {
            embedding = encoder.embed(String.join(" ", withoutAddress(words)));
        } catch (EngineException e) {
            // Without the model, rules alone would be guessing; asking again is the honest answer.
            LOG.log(Level.WARNING, "intent embedding failed: {0}", e.getMessage());
            return new NotUnderstood(DIDNT_CATCH);
        }
        ExemplarIndex.Scores scores = exemplars.score(embedding);
        RoleParser.Parse parse = parser.parse(words);
        LOG.log(Level.DEBUG, "\"{0}\": {1}, rules {2} {3}", text, scores, parse.frame(), parse.problems());

        if (parse.frame() != null) {
            Interpretation motion = decideMotion(words, parse, scores, asr, asker,
                    transcript.tier() == Transcript.Tier.GRAMMAR);
            if (motion != null) {
                return motion;
            }
        }
        return decideOther(words, parse, scores, asr, asker);
    }

    /**
     * The words less how the robot is addressed at either end ("hey robot …", "… robot", "… now",
     * "… please"), for the sentence encoder: the grammar puts them on a command as optional words, and
     * they moved "follow me robot" (0.83) below "follow me" (0.9) and into a question. The rules still
     * read every word. A request of only such words keeps them.
     */
    static List<String> withoutAddress(List<String> words) {
        int from = 0;
        int to = words.size();
        if (to - from >= 2 && words.get(from).equals("hey") && words.get(from + 1).equals("robot")) {
            from += 2;
        } else if (from < to && words.get(from).equals("robot")) {
            from++;
        }
        while (to > from && TRAILING_ADDRESS.contains(words.get(to - 1))) {
            to--;
        }
        return from == to ? words : words.subList(from, to);
    }

    /**
     * Acts on, asks about, or (null) passes over the rules' motion frame.
     *
     * @param words    the request's words, lower case, at least one
     * @param verified the words are the command grammar's: only then may they move the robot without
     *                 a question (the open tier's words are unverified, see {@link Transcript.Tier})
     */
    private static Interpretation decideMotion(List<String> words, RoleParser.Parse parse,
                                               ExemplarIndex.Scores scores, float asr, Asker asker,
                                               boolean verified) {
        Frame frame = parse.frame();
        IntentKind kind = frame.kind();
        float s = scores.of(kind);
        float rival = Math.max(scores.outOfDomain(), scores.bestWhere(false));
        boolean clear = s >= MOTION_MIN && s >= rival + MOTION_MARGIN
                && s >= scores.bestWhere(true) - MOTION_KIND_SLACK;
        double match = (parse.consistent() ? 0.5 : 0.25) + 0.5 * strength(s);
        float confidence = (float) (asr * match);
        if (verified && parse.consistent() && clear && confidence >= ACT_CONFIDENCE) {
            return new Understood(asker.intent(kind, frame, confidence), frame.progressive() + ".");
        }
        // One stray word or a weak match is worth a question; a jumble of command words is not. Two
        // stray words are, where the sentence as a whole clearly means this command ("escort meet on
        // the front door", Whisper's "escort me to the front door"), unless it is a question about the
        // world ("where is the elevator"). Words of the open tier that would have been acted on are
        // asked about too.
        boolean wouldAct = parse.consistent() && clear;
        int strays = clear && !INTERROGATIVES.contains(words.get(0)) ? 2 : 1;
        if (wouldAct || parse.problems().size() <= strays && s >= CONFIRM_MIN && s >= scores.outOfDomain()
                && s >= scores.bestWhere(true) - MOTION_KIND_SLACK) {
            return new Confirm(asker.intent(kind, frame, confidence), "Did you want me to " + frame.infinitive() + "?",
                    frame.progressive() + ".");
        }
        return null;
    }

    private Interpretation decideOther(List<String> words, RoleParser.Parse parse, ExemplarIndex.Scores scores,
                                              float asr, Asker asker) {
        IntentKind best = scores.best();
        float s = scores.of(best);
        float runnerUp = scores.bestOtherThan(best);
        if (scores.of(IntentKind.STOP) >= STOP_MIN && scores.of(IntentKind.STOP) >= runnerUp - 0.05f) {
            return new Understood(asker.intent(IntentKind.STOP, null, asr * scores.of(IntentKind.STOP)), "Stopping.");
        }
        if (!best.isMotion() && s >= OTHER_MIN && s >= runnerUp + OTHER_MARGIN) {
            float confidence = (float) (asr * (0.5 + 0.5 * strength(s)));
            return new Understood(asker.intent(best, null, confidence), best == IntentKind.WHAT_CAN_YOU_DO
                    ? capabilities : reply(best));
        }
        if (best == IntentKind.GO_TO && s > scores.outOfDomain() && parse.unknownPlace()) {
            return new NotUnderstood(UNKNOWN_PLACE);
        }
        return new NotUnderstood(looksLikeRequest(words, parse) ? CANT_DO : DIDNT_CATCH);
    }

    /** Embedding score mapped to 0..1: below 0.35 is no evidence, 0.7 and above is as good as a match gets. */
    private static double strength(float score) {
        return Math.max(0, Math.min(1, (score - 0.35) / 0.35));
    }

    /**
     * A sentence with words of its own, rather than noise or a jumble of the robot's command words:
     * those get "didn't catch that", because asking again may help.
     */
    private static boolean looksLikeRequest(List<String> words, RoleParser.Parse parse) {
        int content = 0;
        for (String w : words) {
            if (!FUNCTION_WORDS.contains(w)) {
                content++;
            }
        }
        int own = content - parse.roleWords();
        return own >= 1 && own >= parse.roleWords() - 1 && words.size() >= 2;
    }

    private static String reply(IntentKind kind) {
        return switch (kind) {
            case STOP -> "Stopping.";
            case CANCEL -> "Okay, cancelled.";
            // The dialogue core answers these from its own state (what it said, what it was asked
            // to do); this class does not know it.
            case REPEAT, WHAT_ARE_YOU_DOING, WHERE_ARE_YOU_GOING -> "";
            case WHAT_CAN_YOU_DO -> throw new IllegalArgumentException("the capabilities depend on the robot's places");
            case GREET -> "Hello! How can I help?";
            case COME_HERE, FOLLOW_ME, MOVE, TURN, GO_TO ->
                    throw new IllegalArgumentException(kind.wireName() + " replies come from its frame");
        };
    }

    /** How the robot reads a command's words: completeness, continuation, lone roles. */
    public CommandReader reader() {
        return reader;
    }

    /** "What can you do": the robot's abilities, with up to three of its own places. */
    public String capabilities() {
        return capabilities;
    }

    private static String capabilities(List<Vocabulary.Place> places) {
        List<String> named = places.stream().limit(3).map(Vocabulary.Place::say).toList();
        String goTo = switch (named.size()) {
            case 0 -> "";
            case 1 -> "go to " + named.get(0) + ", ";
            default -> "go to places like " + String.join(", ", named.subList(0, named.size() - 1)) + " or "
                    + named.get(named.size() - 1) + ", ";
        };
        return "I can move forward, back, left or right, turn, " + goTo
                + "come to you, follow you, and stop whenever you say stop.";
    }

    /** "7.5m", "30cm": a number written with its unit's symbol. */
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)(m|cm|ft)");

    /** Lower-case words, without punctuation; a decimal point between digits stays. */
    static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder clean = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean decimalPoint = c == '.' && i > 0 && i + 1 < lower.length()
                    && Character.isDigit(lower.charAt(i - 1)) && Character.isDigit(lower.charAt(i + 1));
            clean.append(Character.isLetterOrDigit(c) || c == '\'' || decimalPoint ? c : ' ');
        }
        List<String> words = new ArrayList<>();
        for (String w : clean.toString().split(" +")) {
            String stripped = stripQuotes(w);
            Matcher measure = NUMBER_WITH_UNIT.matcher(stripped);
            if (stripped.equals("backup")) {
                words.add("back");   // Whisper writes the verb "back up" as one word
                words.add("up");
            } else if (measure.matches()) {
                words.add(measure.group(1));   // and a measure as "7.5m" or "90°" ("°" is dropped above)
                words.add(measure.group(2));
            } else if (!stripped.isEmpty()) {
                words.add(stripped);
            }
        }
        return words;
    }

    private static String stripQuotes(String w) {
        int start = 0;
        int end = w.length();
        while (start < end && w.charAt(start) == '\'') {
            start++;
        }
        while (end > start && w.charAt(end - 1) == '\'') {
            end--;
        }
        return w.substring(start, end);
    }

    /** A language tag naming a language other than English; null, blank and "und" are not. */
    private static boolean isOtherLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return false;
        }
        String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return !primary.equals("en") && !primary.equals("und");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    private static boolean isOneOf(String s, int start, int end, String[] words) {
        for (String w : words) {
            if (w.length() == end - start && s.regionMatches(true, start, w, 0, w.length())) {
                return true;
            }
        }
        return false;
    }

    /** Who asked and when: what every intent of one utterance shares. */
    private record Asker(String speaker, long atNanos) {

        Intent intent(IntentKind kind, Frame frame, double confidence) {
            ObjectNode data = JSON.createObjectNode();
            if (frame != null) {
                frame.addRoles(data, speaker);
            } else if (kind == IntentKind.GREET) {
                data.put("recipient", speaker);
            }
            int priority = kind == IntentKind.STOP ? STOP_PRIORITY : Intent.DEFAULT_PRIORITY;
            float c = (float) Math.max(0, Math.min(1, confidence));
            return new Intent(kind.wireName(), data.toString(), speaker, Intent.MODALITY_SPEECH, priority, c, atNanos);
        }
    }

    /** Releases the model. */
    @Override
    public void close() {
        encoder.close();
    }
}
