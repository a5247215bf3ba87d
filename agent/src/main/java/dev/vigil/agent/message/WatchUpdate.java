package dev.vigil.agent.message;

/**
 * A watch ("tell me when we reach floor 16") changed (observe lane, {@code vigil.observe.watches}).
 *
 * @param change    {@code created}, {@code fired}, {@code cancelled} or {@code expired}
 * @param id        the watch's id, {@code w1}, {@code w2}, … in order of creation
 * @param text      the request as the user said it, or as configured
 * @param condition the condition in a fixed form, e.g. {@code text shows "16"}, {@code light is green},
 *                  {@code count(person) > 3}
 * @param alert     what the robot says when it fires (also on {@code created}); empty when unknown
 * @param atNanos   session time of the change (for {@code fired}: of the frame in which the condition
 *                  had held long enough)
 * @param sinceNanos for {@code fired}: session time of the first frame of the run of frames in which
 *                   the condition held (the first that showed it, as vision saw it; the start of a
 *                   watch alert's trace); otherwise {@code atNanos}
 */
public record WatchUpdate(String change, String id, String text, String condition, String alert, long atNanos,
                          long sinceNanos) {

    public static final String CREATED = "created";
    public static final String FIRED = "fired";
    public static final String CANCELLED = "cancelled";
    public static final String EXPIRED = "expired";

    /** A change whose {@code sinceNanos} is its {@code atNanos} (any but a firing). */
    public WatchUpdate(String change, String id, String text, String condition, String alert, long atNanos) {
        this(change, id, text, condition, alert, atNanos, atNanos);
    }
}
