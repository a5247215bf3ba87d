package dev.vigil.launch.config;

import dev.vigil.agent.vocabulary.Vocabulary;
import dev.vigil.policy.intent.CommandReader;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The robot's own world ({@code robot:} in vigil.yaml): the places on its map and the length of its
 * step. The command words themselves are the vocabulary's (docs/commands.md).
 *
 * @param places        the places the robot can be sent to, each {@code {id, say, grammar, also}} as in
 *                      the vocabulary file: {@code id} is the {@code go_to} goal (lower snake case, a
 *                      navigation waypoint's name), {@code say} how a reply names it, {@code grammar}
 *                      phrases the command grammar hears, {@code also} phrases only the open tier
 *                      hears. Null (default) for the built-in example map (kitchen, meeting room, …);
 *                      a list replaces it whole
 * @param stepLengthM   how far "one step" takes the robot, metres; default
 *                      {@value CommandReader#DEFAULT_STEP_LENGTH_METRES}
 */
public record RobotSettings(List<Vocabulary.Place> places, double stepLengthM) {

    /** @throws IllegalArgumentException a step length out of range, a place id given twice */
    public RobotSettings {
        SettingException.check(stepLengthM > 0 && stepLengthM <= 5, "step_length_m",
                "must be more than 0 and at most 5 metres, was " + stepLengthM);
        if (places != null) {
            Set<String> ids = new HashSet<>();
            for (Vocabulary.Place p : places) {
                SettingException.check(p != null, "places", "an empty entry");
                SettingException.check(ids.add(p.id()), "places", "'" + p.id() + "' is named twice");
            }
            places = List.copyOf(places);
        }
    }

    /** The built-in map and a step of {@value CommandReader#DEFAULT_STEP_LENGTH_METRES} m. */
    public static RobotSettings defaults() {
        return new RobotSettings(null, CommandReader.DEFAULT_STEP_LENGTH_METRES);
    }

    /** The built-in command words with this robot's places. */
    public Vocabulary vocabulary() {
        return places == null ? Vocabulary.builtIn() : Vocabulary.builtIn().withPlaces(places);
    }

    /** How the robot reads commands: its vocabulary and its step. */
    public CommandReader commandReader() {
        return new CommandReader(vocabulary(), stepLengthM);
    }
}
