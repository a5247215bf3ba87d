package dev.vigil.agent.message;

/**
 * A robot behaviour asks the agent to say something (control lane): the duplex core says it when the
 * floor is free, never over the user, in the order asked, alerts before the rest.
 *
 * @param text      what to say; not blank
 * @param alert     true: before every request that is not an alert (a watch firing, a safety notice)
 * @param interrupt true: once the floor is free of the user, the robot's own speech is cut for it (a
 *                  watch's alert that cannot wait for the end of a long answer); false: said after
 *                  what the robot is saying
 * @param source    who asked, for the record, e.g. {@code ros:/say}, {@code api}, {@code watch:w1}
 */
public record SayRequest(String text, boolean alert, boolean interrupt, String source) {

    /** @throws IllegalArgumentException a blank text, no source */
    public SayRequest {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("nothing to say");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a say request names its source");
        }
    }

    /** A request that waits for the end of what the robot is saying. */
    public SayRequest(String text, boolean alert, String source) {
        this(text, alert, false, source);
    }
}
