package dev.vigil.perception.audio.frontend;

/**
 * When a voice is someone else's in the background (a TV, a radio, people talking across the room)
 * rather than a person addressing the robot. Levels are active speech levels: the mean power of the
 * 32 ms windows the voice model calls speech (close to ITU-T P.56's active level), of the cleaned
 * microphone signal, in dBFS.
 *
 * @param belowUserDb   while the robot is engaged with a user, a voice this much fainter than that user's
 *                      (the level of their last turn) does not count as voice: it starts no segment,
 *                      barges in on nothing and gets no answer. dB, 6–60
 * @param engagedMillis how long after the end of a user's turn (a final transcript with words) the robot
 *                      counts as engaged with that user, ms, 0–600 000; 0 turns the rule off
 * @param floorDbfs     a voice whose level stays below this never counts, engaged or not: before anyone
 *                      has engaged, the only limit, so that a quiet user is still heard. dBFS, −120–0
 */
public record BackgroundSettings(double belowUserDb, int engagedMillis, double floorDbfs) {

    public BackgroundSettings {
        if (!(belowUserDb >= 6 && belowUserDb <= 60)) {
            throw new IllegalArgumentException("background below_user_db must be 6..60 dB, was " + belowUserDb);
        }
        if (engagedMillis < 0 || engagedMillis > 600_000) {
            throw new IllegalArgumentException("background engaged_ms must be 0..600000 ms, was " + engagedMillis);
        }
        if (!(floorDbfs >= -120 && floorDbfs <= 0)) {
            throw new IllegalArgumentException("background floor_dbfs must be -120..0 dBFS, was " + floorDbfs);
        }
    }

    /** 20 dB below the engaged user, for 30 s after their turn; floor −70 dBFS (only near-silence). */
    public static BackgroundSettings defaults() {
        return new BackgroundSettings(20, 30_000, -70);
    }
}
