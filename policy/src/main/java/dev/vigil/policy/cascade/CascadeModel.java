package dev.vigil.policy.cascade;

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
 * question, and the next turn's yes or no settles it. {@code stop} is not handled here: the safety
 * fast path acts on it from partial transcripts, before any turn ends.
 */
public final class CascadeModel implements DuplexModel {

    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "yes please", "correct", "right", "sure",
            "that is right", "do it");
    private static final Set<String> NO = Set.of("no", "nope", "no thanks", "no thank you", "don't", "do not");

    private final IntentRecognizer recognizer;
    private Session session;
    private String reply;
    private Interpretation.Confirm awaiting;

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
        if (awaiting != null) {
            Interpretation.Confirm question = awaiting;
            awaiting = null;
            if (YES.contains(text)) {
                session.publish(question.candidate());
                reply = "Okay.";
                return;
            }
            if (NO.contains(text)) {
                reply = "Okay, I won't.";
                return;
            }
        }
        Interpretation interpretation = recognizer.interpret(turn);
        if (interpretation instanceof Interpretation.Understood understood) {
            session.publish(understood.intent());
            reply = understood.intent().intent().equals("repeat") ? session.lastPlayedText() : understood.reply();
        } else if (interpretation instanceof Interpretation.Confirm confirm) {
            awaiting = confirm;
            reply = confirm.question();
        } else if (interpretation instanceof Interpretation.NotUnderstood notUnderstood) {
            reply = notUnderstood.reply();
        }
    }

    @Override
    public Decision generate() {
        if (reply == null || reply.isBlank()) {
            reply = null;
            return Decision.LISTEN;
        }
        Decision speak = new Decision.Speak(reply);
        reply = null;
        return speak;
    }

    @Override
    public void interrupt() {
        reply = null;
    }

    @Override
    public void reset() {
        reply = null;
        awaiting = null;
    }

    /** The recognizer is not closed here: whoever made it may share it between runs, and closes it. */
    @Override
    public void close() {
        reply = null;
    }
}
