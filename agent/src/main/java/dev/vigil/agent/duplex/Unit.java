package dev.vigil.agent.duplex;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.SceneObservations;
import dev.vigil.agent.message.Transcript;

import java.util.List;

/**
 * One unit of perception handed to the model: everything that arrived in [startNanos, endNanos).
 * Units are 1 s by default (MiniCPM-o's rhythm); an early unit closes at the end of a user turn so
 * a model that answers at end of turn need not wait for the boundary.
 *
 * @param index         0, 1, 2, … in session order
 * @param audio         the unit's echo-cancelled microphone audio, 16 kHz mono (shared, never mutated)
 * @param userSpeaking  the user's voice was active at the end of the unit
 * @param robotSpeaking the robot was talking at the end of the unit
 * @param transcripts   recognition results that arrived in the unit, in order
 * @param endOfTurn     the user finished a turn inside this unit: a final transcript arrived, or
 *                      the model's own wait for the rest of a command ran out ({@code Session.endTurnAt})
 * @param frames        the newest camera frame that arrived in the unit (MiniCPM-o's one frame a
 *                      second), for a backend that sees; empty without a camera or when none came
 * @param scene         what each vision engine last saw, as of the unit's end (one entry per engine,
 *                      possibly from an earlier unit: the scene as the agent knows it); empty without vision
 */
public record Unit(long index, long startNanos, long endNanos, short[] audio, boolean userSpeaking, boolean robotSpeaking,
                   List<Transcript> transcripts, boolean endOfTurn, List<CameraFrame> frames,
                   List<SceneObservations> scene) {

    /** A unit without vision. */
    public Unit(long index, long startNanos, long endNanos, short[] audio, boolean userSpeaking, boolean robotSpeaking,
                List<Transcript> transcripts, boolean endOfTurn) {
        this(index, startNanos, endNanos, audio, userSpeaking, robotSpeaking, transcripts, endOfTurn, List.of(), List.of());
    }
}
