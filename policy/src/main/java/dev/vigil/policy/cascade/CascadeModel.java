package dev.vigil.policy.cascade;

import dev.vigil.agent.clock.Clock;
import dev.vigil.agent.duplex.Decision;
import dev.vigil.agent.duplex.DuplexModel;
import dev.vigil.agent.duplex.Unit;
import dev.vigil.agent.message.Transcript;
import dev.vigil.policy.intent.IntentRecognizer;
import dev.vigil.policy.intent.Interpretation;

import java.util.Locale;
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
 * Thread-safe: {@link #interrupt()} may come from the duplex core's event loop while a turn is
 * being interpreted on the model's worker, and the question's expiry from the clock's thread. The
 * interpretation itself runs outside the lock; an interrupt meanwhile makes its reply void.
 */
public final class CascadeModel implements DuplexModel {

    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "yes please", "correct", "right", "sure",
            "that is right", "do it");
    private static final Set<String> NO = Set.of("no", "nope", "no thanks", "no thank you", "don't", "do not");

    /** A question the robot asked, and the timer that withdraws it. */
    private record Question(Interpretation.Confirm confirm, Clock.Timer expiry) {
    }

    private final IntentRecognizer recognizer;
    private final Object lock = new Object();
    private volatile Session session;
    private String reply; // lock
    private Question awaiting; // lock
    /** The awaited question has left the model (generate returned it), so the user may answer it. */
    private boolean asked; // lock
    /** Bumped by interrupt and reset: a turn interpreted across a bump gives no reply. */
    private long epoch; // lock

    public CascadeModel(IntentRecognizer recognizer) {
        this.recognizer = recognizer;
    }

    @Override
    public void prepare(Session session) {
        this.session = session;
    }

    @Override
    public void prefill(Unit unit) {
        if (!unit.endOfTurn()) {
            return;
        }
        Transcript turn = null;
        for (Transcript t : unit.transcripts()) {
            if (t.isFinal()) {
                turn = t;
            }
        }
        if (turn == null || turn.text().isBlank() || IntentRecognizer.isStop(turn.text())) {
            return;
        }
        String text = turn.text().toLowerCase(Locale.ROOT).trim();
        long started;
        Question question;
        synchronized (lock) {
            started = epoch;
            question = awaiting;
            awaiting = null;
        }
        if (question != null) {
            question.expiry().cancel();
            if (YES.contains(text)) {
                session.publish(question.confirm().candidate());
                answer("Okay.", started);
                return;
            }
            if (NO.contains(text)) {
                answer("Okay, I won't.", started);
                return;
            }
        }
        Interpretation interpretation = recognizer.interpret(turn);
        if (interpretation instanceof Interpretation.Understood understood) {
            session.publish(understood.intent());
            answer(understood.intent().intent().equals("repeat") ? session.lastPlayedText() : understood.reply(), started);
        } else if (interpretation instanceof Interpretation.Confirm confirm) {
            ask(confirm, started);
        } else if (interpretation instanceof Interpretation.NotUnderstood notUnderstood) {
            answer(notUnderstood.reply(), started);
        }
    }

    private void answer(String text, long started) {
        synchronized (lock) {
            if (epoch == started) {
                reply = text;
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
            reply = confirm.question();
            // The timer is made under the lock so that its expiry can never see an older question.
            Question[] question = new Question[1];
            question[0] = new Question(confirm, clock.schedule(expires, () -> expire(question[0])));
            awaiting = question[0];
            asked = false;
        }
    }

    private void expire(Question question) {
        synchronized (lock) {
            if (awaiting == question) {
                awaiting = null;
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
            if (awaiting != null && text.equals(awaiting.confirm().question())) {
                asked = true;
            }
            return new Decision.Speak(text);
        }
    }

    /**
     * Drops the reply in preparation. A question already asked stays open (the barge-in may be its
     * answer: "yes" over "Did you want me to…"); one not asked yet is withdrawn.
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
        }
        if (question != null) {
            question.expiry().cancel();
        }
    }

    /** The recognizer is not closed here: whoever made it may share it between runs, and closes it. */
    @Override
    public void close() {
        reset();
    }
}
