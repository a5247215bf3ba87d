package dev.vigil.policy.intent;

import dev.vigil.agent.message.Intent;

import java.util.Objects;

/** What the robot makes of one utterance: act on it, ask back, or say it cannot. */
public sealed interface Interpretation {

    /** What the robot says in answer; empty when the caller speaks for it (see {@code repeat}). */
    String reply();

    /**
     * Sure enough to act.
     *
     * @param reply a short spoken acknowledgement, e.g. "Moving forward ten meters."; empty for
     *              {@code repeat}, {@code what_are_you_doing} and {@code where_are_you_going}, which
     *              the dialogue core answers from its own state
     */
    record Understood(Intent intent, String reply) implements Interpretation {
        public Understood {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * Probably {@code candidate}, but not sure enough to move on it: the dialogue core asks
     * {@code question} and acts on a yes.
     *
     * @param question        "Did you want me to move forward ten meters?"
     * @param acknowledgement what is said on a yes, as for an {@link Understood} command: "Moving
     *                        forward ten meters."
     */
    record Confirm(Intent candidate, String question, String acknowledgement) implements Interpretation {
        public Confirm {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(acknowledgement, "acknowledgement");
        }

        @Override
        public String reply() {
            return question;
        }
    }

    /** Nothing to act on: out of the robot's abilities, or not heard well enough to tell. */
    record NotUnderstood(String reply) implements Interpretation {
        public NotUnderstood {
            Objects.requireNonNull(reply, "reply");
        }
    }
}
