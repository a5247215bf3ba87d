package dev.vigil.agent.message;

/**
 * The duplex model could not start on a unit within a unit's length of its end: the model fell
 * behind the audio. Counted in every report.
 *
 * @param unitIndex    the unit, in session order
 * @param unitEndNanos session time where the unit's audio ends
 * @param waitedNanos  how long after its end the model could have started on it
 * @param skipped      true when the unit was dropped (a unit that ends the user's turn is processed
 *                     late rather than lost: it carries the words the model must answer)
 */
public record UnitDeadlineMissed(long unitIndex, long unitEndNanos, long waitedNanos, boolean skipped) {
}
