package dev.vigil.policy.cascade;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.duplex.Decision;
import dev.vigil.agent.duplex.DuplexModel;
import dev.vigil.agent.duplex.Unit;
import dev.vigil.agent.message.Intent;
import dev.vigil.agent.message.Transcript;
import dev.vigil.policy.intent.Completeness;
import dev.vigil.policy.intent.IntentKind;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.policy.intent.Interpretation;

import dev.vigil.policy.scene.SceneQuestions;
import dev.vigil.policy.watch.Watch;
import dev.vigil.policy.watch.WatchBook;
import dev.vigil.policy.watch.WatchRequests;
import dev.vigil.policy.watch.Watching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link DuplexModel} made of small engines: the final transcript of a turn goes through the
 * intent policy, the intent is published, and the reply is spoken. It answers at end of turn (the
 * duplex core closes a unit early then), not at unit boundaries. A doubtful motion command becomes a
 * question, and a yes or no in the next turn settles it — within the session's
 * {@code confirmationTimeoutMillis} (a timer on the session's clock): after that the question has
 * expired and a "yes" is a fresh turn that moves nothing. {@code stop} is not handled here: the
 * safety fast path acts on it from partial transcripts, before any turn ends.
 * <p>
 * <b>End of turn from meaning.</b> Silence alone splits "go forward … ten meters" in two. So the
 * words of each turn are read for {@link Completeness} first: words that cannot end a command ("turn
 * to the") are held for up to {@code incompleteWaitMillis}, a command that could still grow ("go
 * forward") for {@code extensionWindowMillis}, both from the end of the turn; what the user says
 * next within that time is joined to them and the whole is one command ("go forward ten meters"),
 * unless it is a command of its own ("go forward" + "turn left": both are acted on, in order) or a
 * cancel or stop (nothing held is acted on). When the wait runs out with no more speech
 * ({@code Session.endTurnAt}), the held words are answered as they are. Commands that cannot grow
 * ("stop", "follow me", "go to the kitchen") are answered at once, as before.
 * <p>
 * Thread-safe: {@link #interrupt()} may come from the duplex core's event loop while a turn is
 * being interpreted on the model's worker, and the question's expiry from the clock's thread. The
 * interpretation itself runs outside the lock; an interrupt meanwhile makes its reply void.
 */
public final class CascadeModel implements DuplexModel, Watching {

    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "yes please", "correct", "right", "sure",
            "that is right", "do it", "okay", "ok", "go ahead", "please do");
    private static final Set<String> NO = Set.of("no", "nope", "no thanks", "no thank you", "don't", "do not");
    /**
     * Words a listener says to show they are following, not to take the floor ("okay", "mm hmm",
     * "uh huh", "yeah", "I see"): over the robot's speech, words made only of these are a backchannel.
     * Hyphenated and run-together spellings are Whisper's ("uh-huh", "mm-hmm", "mhm").
     */
    private static final Set<String> BACKCHANNEL_WORDS = Set.of("okay", "ok", "yeah", "yes", "yep", "yup", "right",
            "sure", "alright", "all", "uh", "huh", "uh-huh", "mm", "hmm", "mhm", "mm-hmm", "mmhmm", "aha", "i", "see",
            "got", "it");
    /** Of {@link #BACKCHANNEL_WORDS}, the ones that are a backchannel alone (not "i", "all", "got"…). */
    private static final Set<String> BACKCHANNEL_ALONE = Set.of("okay", "ok", "yeah", "yes", "yep", "yup", "right",
            "sure", "alright", "uh", "huh", "uh-huh", "mm", "hmm", "mhm", "mm-hmm", "mmhmm", "aha");

    /** A question the robot asked, and the timer that withdraws it. */
    private record Question(Interpretation.Confirm confirm, Clock.Timer expiry) {
    }

    /**
     * Words of a command the user may not have finished, and the end of turn asked for in case no
     * more comes.
     *
     * @param untilNanos session time from which the words are answered as they are
     */
    private record Held(Transcript words, long untilNanos, Clock.Timer endOfTurn) {
    }

    /**
     * What the robot was last asked to do, for "what are you doing?" and "where are you going?".
     *
     * @param doing      "Going to the kitchen", the acknowledgement without its full stop
     * @param sinceNanos session time it was published
     */
    private record Activity(IntentKind kind, String doing, long sinceNanos) {
    }

    /**
     * How long a motion is taken to be still under way. The agent hears nothing back from the
     * robot's behaviours yet (that comes with action feedback over the ROS 2 bridge), so after this
     * it only says what it last knew.
     */
    static final long ACTIVITY_FRESH_NANOS = 60_000_000_000L;

    private final IntentRecognizer recognizer;
    /** The session's watches, made and taken back from speech; null: this model keeps none. */
    private final WatchBook watches;
    private final Object lock = new Object();
    private volatile Session session;
    private String reply; // lock
    private Question awaiting; // lock
    private Held held; // lock
    private Activity activity; // lock
    /** The awaited question has left the model (generate returned it), so the user may answer it. */
    private boolean asked; // lock
    /**
     * {@code awaiting != null && asked}, for {@link #interrupts}, which runs on the duplex core's event
     * loop and must not wait for the lock; written under it, after either changes.
     */
    private volatile boolean questionOpen;
    /** What each vision engine last saw, from the latest unit that carried it; empty without vision. */
    private volatile List<dev.vigil.agent.message.SceneObservations> scene = List.of();
    /** Bumped by interrupt and reset: a turn interpreted across a bump gives no reply. */
    private long epoch; // lock

    public CascadeModel(IntentRecognizer recognizer) {
        this(recognizer, null);
    }

    /**
     * @param watches the session's watches: "tell me when …" adds to them, "what are you watching
     *                for?" lists them, "stop watching …" takes them back; null for a model without
     */
    public CascadeModel(IntentRecognizer recognizer, WatchBook watches) {
        this.recognizer = recognizer;
        this.watches = watches;
    }

    @Override
    public WatchBook watches() {
        return watches;
    }

    @Override
    public void prepare(Session session) {
        this.session = session;
    }

    @Override
    public void prefill(Unit unit) {
        if (!unit.scene().isEmpty()) {
            scene = unit.scene();
        }
        if (!unit.endOfTurn()) {
            return;
        }
        synchronized (lock) {
            reply = null;   // a turn's reply may have two parts (a held command and a new one), never an older one
        }
        Transcript turn = null;
        for (Transcript t : unit.transcripts()) {
            if (t.isFinal()) {
                turn = t;
            }
        }
        if (turn != null && !turn.text().isBlank()) {
            if (IntentRecognizer.isStop(turn.text())) {
                // The fast path has stopped the robot; a command held for its rest is not acted on either.
                drop();
                synchronized (lock) {
                    activity = null;
                }
                // "Stop watching the door" stopped the robot at its first word too (safety does not
                // wait for the rest); the watch is still taken back and answered.
                if (!takesBackAWatch(turn)) {
                    return;
                }
            }
            heard(turn);
        } else if (turn != null && !holding()) {
            // Someone spoke and neither recogniser found a word: say so rather than stay silent. The
            // duplex core ends no turn on a wordless barge-in (a cough over the robot resumes it), and
            // a command held for its rest is answered when its wait runs out.
            synchronized (lock) {
                answer(IntentRecognizer.DIDNT_CATCH, epoch);
            }
        }
        answerHeldWhenDue();
    }

    /** A turn with words. */
    private void heard(Transcript turn) {
        long started;
        Question question;
        Held before;
        synchronized (lock) {
            started = epoch;
            question = awaiting;
            awaiting = null;
            questionOpen = false;
            before = held;
            held = null;
        }
        if (before != null) {
            before.endOfTurn().cancel();
        }
        String text = turn.text().toLowerCase(Locale.ROOT).trim();
        // The answer to the robot's own question, in either tier's words: the grammar forces a lone
        // "okay" onto a command ("okay go"), which Whisper hears as it was said. A no in either wins.
        String open = turn.openText() == null ? "" : turn.openText().toLowerCase(Locale.ROOT).trim();
        if (question != null) {
            question.expiry().cancel();
            if (NO.contains(text) || NO.contains(open)) {
                answer("Okay, I won't.", started);
                return;
            }
            if (YES.contains(text) || YES.contains(open)) {
                published(question.confirm().candidate(), question.confirm().acknowledgement());
                answer(question.confirm().acknowledgement(), started);
                return;
            }
        }
        Optional<String> aboutWatches = watches == null ? Optional.empty()
                : watchReply(open.isEmpty() ? text : open, turn.endNanos());
        if (aboutWatches.isPresent()) {
            if (before != null) {
                act(recognizer.interpret(before.words()), started);   // a command of its own, said first
            }
            answer(aboutWatches.get(), started);
            return;
        }
        Optional<String> aboutTheScene = SceneQuestions.answer(open.isEmpty() ? text : open, scene, turn.endNanos());
        if (aboutTheScene.isPresent()) {
            if (before != null) {
                act(recognizer.interpret(before.words()), started);
            }
            answer(aboutTheScene.get(), started);
            return;
        }
        Transcript words = turn;
        if (before != null && !isCancel(turn)) {
            if (recognizer.reader().continues(before.words().text(), turn.text())) {
                words = joined(before.words(), turn);
            } else {
                // A command of its own: the held one stands as it was said, and comes first.
                act(recognizer.interpret(before.words()), started);
            }
        }
        if (words == turn && question == null && isBackchannel(turn)) {
            // "okay", "mm hmm", "yeah" with no question open acknowledge, and ask for nothing: a
            // person does not answer them, and "Sorry, I can't do that yet." to an "okay" misleads.
            return;
        }
        Completeness completeness = recognizer.reader().completeness(words.text());
        int waitMillis = switch (completeness) {
            case INCOMPLETE -> session.settings().incompleteWaitMillis();
            case EXTENDABLE -> session.settings().extensionWindowMillis();
            case FINAL -> 0;
        };
        if (waitMillis > 0) {
            hold(words, waitMillis);
        } else {
            act(recognizer.interpret(words), started);
        }
    }

    private boolean takesBackAWatch(Transcript turn) {
        String open = turn.openText() == null ? "" : turn.openText();
        return watches != null
                && WatchRequests.read(open.isBlank() ? turn.text() : open).filter(WatchRequests.Cancel.class::isInstance).isPresent();
    }

    /** Words about watches as read: as heard, or with a misheard lead-in word respelled. */
    private record ReadAs(String words, WatchRequests.Request request) {
    }

    /**
     * The answer to words about watches: a new one made, the list, or one taken back; empty when the
     * words are not about watches. "Stop the …" and "forget the …" are read as taking a watch back only
     * while there is one, or when they say "watch", "alert" or "remind".
     */
    private Optional<String> watchReply(String heard, long atNanos) {
        // A lead-in misheard ("warm me if the light turns red"): read with that word respelled.
        Optional<ReadAs> read = WatchRequests.read(heard).map(r -> new ReadAs(heard, r))
                .or(() -> recognizer.respelled(heard, WatchRequests.LEAD_WORDS, words -> WatchRequests.read(words)
                        .filter(WatchRequests.Create.class::isInstance).map(r -> new ReadAs(words, r))));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        String said = read.get().words();
        List<Watch> active = watches.list();
        WatchRequests.Request request = read.get().request();
        if (request instanceof WatchRequests.Create create) {
            if (active.stream().anyMatch(w -> w.condition().equals(create.condition()))) {
                return Optional.of("I'm already watching for that.");
            }
            // Made now, when the words are understood (frames captured from here on count).
            watches.add(said.strip(), create.condition(), create.alert(), session.clock().nanos(), create.forNanos(), true,
                    create.repeat());
            return Optional.of("Okay, I'll tell you " + (create.repeat() ? "every time " : "when ") + create.clause() + ".");
        }
        if (request instanceof WatchRequests.Unsupported) {
            List<String> kinds = WatchRequests.KINDS;
            return Optional.of("I can't watch for that yet. I can watch for "
                    + String.join(", ", kinds.subList(0, kinds.size() - 1)) + " and " + kinds.get(kinds.size() - 1) + ".");
        }
        if (request instanceof WatchRequests.ListWatches) {
            return Optional.of(active.isEmpty() ? "I'm not watching for anything."
                    : "I'm watching for " + (active.size() == 1 ? "one thing: " : active.size() + " things: ")
                    + listed(active) + ".");
        }
        WatchRequests.Cancel cancel = (WatchRequests.Cancel) request;
        if (active.isEmpty()) {
            return said.toLowerCase(Locale.ROOT).matches(".*\\b(watch|alert|remind).*")
                    ? Optional.of("I wasn't watching for anything.") : Optional.empty();
        }
        List<Watch> named = watches.matching(cancel.reference());
        if (named.isEmpty()) {
            return Optional.of((cancel.reference().isBlank() ? "Which one? " : "I'm not watching for that. ")
                    + "I'm watching for " + listed(active) + ".");
        }
        named.forEach(w -> watches.cancel(w.id(), atNanos));
        return Optional.of("Okay, I've stopped watching for " + listed(named) + ".");
    }

    /** "when we reach floor 16; and when the light turns green", from what each watch was asked as. */
    private static String listed(List<Watch> watches) {
        List<String> clauses = new ArrayList<>();
        for (Watch w : watches) {
            clauses.add(WatchRequests.read(w.text())
                    .filter(WatchRequests.Create.class::isInstance)
                    .map(r -> "when " + ((WatchRequests.Create) r).clause())
                    .orElse(w.condition().describe()));
        }
        return clauses.size() == 1 ? clauses.get(0)
                : String.join("; ", clauses.subList(0, clauses.size() - 1)) + "; and " + clauses.get(clauses.size() - 1);
    }

    /** "Never mind", "forget it": the command held for its rest is taken back, not extended. */
    private boolean isCancel(Transcript turn) {
        return recognizer.interpret(turn) instanceof Interpretation.Understood understood
                && understood.intent().intent().equals(IntentKind.CANCEL.wireName());
    }

    /** Waits for the rest of {@code words}: a later turn joins them, or the end of turn answers them. */
    private void hold(Transcript words, int waitMillis) {
        long until = session.clock().nanos() + waitMillis * 1_000_000L;
        Clock.Timer endOfTurn = session.endTurnAt(until);
        synchronized (lock) {
            held = new Held(words, until, endOfTurn);
        }
    }

    /** The wait for the rest of a held command ran out: it is answered as it was said. */
    private void answerHeldWhenDue() {
        Held due;
        long started;
        synchronized (lock) {
            due = held;
            if (due == null || session.clock().nanos() < due.untilNanos()) {
                return;
            }
            held = null;
            started = epoch;
        }
        act(recognizer.interpret(due.words()), started);
    }

    private void act(Interpretation interpretation, long started) {
        if (interpretation instanceof Interpretation.Understood understood) {
            published(understood.intent(), understood.reply());
            IntentKind kind = IntentKind.fromWireName(understood.intent().intent()).orElse(null);
            answer(understood.reply().isEmpty() && kind != null ? fromState(kind) : understood.reply(), started);
        } else if (interpretation instanceof Interpretation.Confirm confirm) {
            ask(confirm, started);
        } else if (interpretation instanceof Interpretation.NotUnderstood notUnderstood) {
            answer(notUnderstood.reply(), started);
        }
    }

    /** Publishes {@code intent} and remembers what the robot is now doing. */
    private void published(Intent intent, String acknowledgement) {
        session.publish(intent);
        IntentKind kind = IntentKind.fromWireName(intent.intent()).orElse(null);
        synchronized (lock) {
            if (kind != null && kind.isMotion()) {
                String doing = acknowledgement.endsWith(".")
                        ? acknowledgement.substring(0, acknowledgement.length() - 1) : acknowledgement;
                activity = new Activity(kind, doing, session.clock().nanos());
            } else if (kind == IntentKind.STOP || kind == IntentKind.CANCEL) {
                activity = null;
            }
        }
    }

    /**
     * The answer to a question about the robot itself, from what this model knows: what it last
     * said, and the motion it was last asked for (until a stop or a cancel).
     */
    private String fromState(IntentKind kind) {
        Activity now;
        synchronized (lock) {
            now = activity;
        }
        boolean fresh = now != null && session.clock().nanos() - now.sinceNanos() <= ACTIVITY_FRESH_NANOS;
        String doing = now == null ? null : lowerFirst(now.doing());
        return switch (kind) {
            case REPEAT -> session.lastPlayedText().isBlank() ? "I haven't said anything yet." : session.lastPlayedText();
            case WHAT_ARE_YOU_DOING -> now == null ? "Nothing right now. I'm listening."
                    : fresh ? "I'm " + doing + "." : "Last I knew, I was " + doing + ".";
            case WHERE_ARE_YOU_GOING -> now == null ? "I'm not going anywhere."
                    : now.kind() == IntentKind.TURN ? "I'm not going anywhere. " + (fresh ? "I'm " : "I was ") + doing + "."
                    : fresh ? "I'm " + doing + "." : "Last I knew, I was " + doing + ".";
            default -> "";
        };
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** One utterance said in two parts: the words of both, from the first's start to the second's end. */
    private static Transcript joined(Transcript first, Transcript rest) {
        // The open tier's words join too, so that the whole command is checked. A part that only the
        // open tier heard makes the whole unverified words: asked about, never acted on.
        String open = first.openText() == null || rest.openText() == null ? null
                : (first.openText().trim() + " " + rest.openText().trim()).trim();
        Transcript.Tier tier = first.tier() == Transcript.Tier.OPEN || rest.tier() == Transcript.Tier.OPEN
                ? Transcript.Tier.OPEN : Transcript.Tier.GRAMMAR;
        return new Transcript(first.text().trim() + " " + rest.text().trim(), true,
                Math.min(first.confidence(), rest.confidence()), first.startNanos(), rest.endNanos(), rest.language(),
                tier, tier == Transcript.Tier.OPEN ? null : open);
    }

    private boolean holding() {
        synchronized (lock) {
            return held != null;
        }
    }

    /** Forgets a held command and its end of turn. */
    private void drop() {
        Held dropped;
        synchronized (lock) {
            dropped = held;
            held = null;
        }
        if (dropped != null) {
            dropped.endOfTurn().cancel();
        }
    }

    /** Adds {@code text} to the reply of this turn (a held command and a new one are both answered). */
    private void answer(String text, long started) {
        synchronized (lock) {
            if (epoch == started && text != null && !text.isBlank()) {
                reply = reply == null || reply.isBlank() ? text : reply + " " + text;
            }
        }
    }

    private void ask(Interpretation.Confirm confirm, long started) {
        Clock clock = session.clock();
        long expires = clock.nanos() + session.settings().confirmationTimeoutMillis() * 1_000_000L;
        synchronized (lock) {
            if (epoch != started) {
                return;   // interrupted before it was asked: there is no question
            }
            reply = reply == null || reply.isBlank() ? confirm.question() : reply + " " + confirm.question();
            // The timer is made under the lock so that its expiry can never see an older question.
            Question[] question = new Question[1];
            question[0] = new Question(confirm, clock.schedule(expires, () -> expire(question[0])));
            awaiting = question[0];
            asked = false;
            questionOpen = false;
        }
    }

    private void expire(Question question) {
        synchronized (lock) {
            if (awaiting == question) {
                awaiting = null;
                questionOpen = false;
            }
        }
    }

    @Override
    public Decision generate() {
        synchronized (lock) {
            String text = reply;
            reply = null;
            if (text == null || text.isBlank()) {
                return Decision.LISTEN;
            }
            if (awaiting != null && text.endsWith(awaiting.confirm().question())) {
                asked = true;
                questionOpen = true;
            }
            return new Decision.Speak(text);
        }
    }

    /**
     * Whether words heard over the robot take the floor. While the robot's yes/no question is open
     * (asked, not yet answered or expired), any words do: "yeah" and "okay" are its answer. Otherwise:
     * <ul>
     *   <li>a <b>backchannel</b> does not: the words are all listener's words ("okay", "uh huh", "yeah",
     *   "I see"), judged on the open tier's words when the final has them (the grammar forces words
     *   onto a backchannel: "okay" came out as "okay go" and "okay head", while Whisper wrote "okay")
     *   and on the grammar's otherwise. A partial that starts with a listener's word ("okay", "okay
     *   go") is not decisive: its final, with both tiers' words, is (the robot stays paused until it
     *   comes, and does not resume while the user speaks). "okay stop" or "okay go left" are more than
     *   a backchannel and do take the floor; "stop" itself is the stop fast path's, which does not
     *   ask;</li>
     *   <li>a lone role ("ten meters", "to the left", "back") does not: alone it asks for nothing, and
     *   over the robot it is more likely a backchannel the grammar's parts caught ("uh huh" came out
     *   as "a foot"). Two roles without their verb ("forward ten meters": "go" lost under the robot's
     *   voice) are a person talking to the robot and take the floor; the turn is then answered like
     *   any other (a motion without its verb is asked about, not acted on).</li>
     *   <li>a partial of one content word ("so help", "wait") is not decisive either: one word forced
     *   onto the grammar over the robot is as often a backchannel (awb's "uh huh" came out as "so
     *   help"). The robot stays paused, and the final decides;</li>
     *   <li>a final whose two tiers share no word ({@link IntentRecognizer#tiersShareAWord}: the
     *   grammar "so help", Whisper "no no") does not: no one can tell what was said, and over the
     *   robot's voice that is a backchannel or the echo far more often than a request. The robot plays
     *   on, and a person who meant it says it again.</li>
     * </ul>
     * Non-blocking (a volatile read and the role parser's pure rules), as the event loop needs.
     */
    @Override
    public boolean interrupts(Transcript heard) {
        // A stop takes the floor whatever else the words are: the stop fast path stops the robot on
        // the same words, and a floor that judged them no interruption (the grammar's "stop", Whisper's
        // "start": no word shared) resumed the answer in the moment before that stop arrived.
        if (questionOpen || IntentRecognizer.isStop(heard.text())) {
            return true;
        }
        if (!heard.isFinal()) {
            String[] words = tokens(heard.text());
            if (words.length > 0 && BACKCHANNEL_ALONE.contains(words[0])) {
                return false;
            }
            if (IntentRecognizer.contentWords(heard.text()).size() <= 1) {
                return false;
            }
        } else if (!recognizer.tiersShareAWord(heard)) {
            return false;
        }
        return !isBackchannel(heard) && !recognizer.reader().isLoneRole(heard.text());
    }

    /**
     * Whether {@code heard} is only a listener's backchannel: judged on the open tier's words when a
     * final has them (the grammar forces words onto a backchannel), else on the grammar's.
     */
    private static boolean isBackchannel(Transcript heard) {
        String open = heard.openText();
        return isBackchannel(heard.isFinal() && open != null && !open.isBlank() ? open : heard.text());
    }

    /** Lower-case words, punctuation but apostrophes and hyphens dropped; empty for none. */
    private static String[] tokens(String words) {
        String cleaned = words.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z' -]", " ").trim();
        return cleaned.isEmpty() ? new String[0] : cleaned.split("\\s+");
    }

    /**
     * Whether {@code words} are only a listener's backchannel ("okay", "mm hmm", "uh-huh, okay",
     * "all right", "I see", "got it"); case and punctuation are ignored.
     */
    static boolean isBackchannel(String words) {
        String[] tokens = tokens(words);
        if (tokens.length == 0) {
            return false;
        }
        boolean alone = false;
        for (String token : tokens) {
            if (!BACKCHANNEL_WORDS.contains(token)) {
                return false;
            }
            alone |= BACKCHANNEL_ALONE.contains(token);
        }
        String joined = String.join(" ", tokens);
        return alone || joined.equals("all right") || joined.equals("i see") || joined.equals("got it");
    }

    /**
     * Drops the reply in preparation. A question already asked stays open (the barge-in may be its
     * answer: "yes" over "Did you want me to…"); one not asked yet is withdrawn. A command held for
     * its rest stays held: the user taking the floor may be saying the rest.
     */
    @Override
    public void interrupt() {
        Question withdrawn = null;
        synchronized (lock) {
            epoch++;
            reply = null;
            if (awaiting != null && !asked) {
                withdrawn = awaiting;
                awaiting = null;
            }
        }
        if (withdrawn != null) {
            withdrawn.expiry().cancel();
        }
    }

    @Override
    public void reset() {
        Question question;
        synchronized (lock) {
            epoch++;
            reply = null;
            question = awaiting;
            awaiting = null;
            questionOpen = false;
            activity = null;
        }
        if (question != null) {
            question.expiry().cancel();
        }
        drop();
    }

    /** The recognizer is not closed here: whoever made it may share it between runs, and closes it. */
    @Override
    public void close() {
        reset();
    }
}
