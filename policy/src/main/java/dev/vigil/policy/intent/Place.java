package dev.vigil.policy.intent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The places the robot can be sent to, with the phrasings that name each.
 *
 * <p>{@link #id()} is what goes into a {@code go_to} intent's {@code goal}: lower snake case, e.g.
 * {@code meeting_room}, the form ROS navigation waypoints are usually named in.
 */
public enum Place {
    KITCHEN("the kitchen", "kitchen"),
    LIVING_ROOM("the living room", "living room", "lounge", "sitting room"),
    MEETING_ROOM("the meeting room", "meeting room", "conference room", "boardroom", "board room"),
    CHARGING_STATION("the charging station", "charging station", "charger", "charging dock",
            "docking station", "dock", "charging point", "base station"),
    OFFICE("the office", "office"),
    FRONT_DOOR("the front door", "front door", "entrance", "main entrance", "front entrance"),
    ELEVATOR("the elevator", "elevator", "lift", "elevators", "lifts"),
    RECEPTION("reception", "reception", "front desk", "reception desk");

    private final String spoken;
    private final List<List<String>> phrases;

    Place(String spoken, String... phrases) {
        this.spoken = spoken;
        this.phrases = Arrays.stream(phrases).map(p -> List.of(p.split(" "))).toList();
    }

    /** The goal as it goes into the intent's data, e.g. {@code meeting_room}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a reply names it: "Going to {@code spoken}." */
    public String spoken() {
        return spoken;
    }

    /** Each phrasing that names this place, as words. */
    List<List<String>> phrases() {
        return phrases;
    }
}
