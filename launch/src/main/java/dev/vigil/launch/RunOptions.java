package dev.vigil.launch;

import dev.vigil.launch.replay.Speed;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the agent on a scenario. */
final class RunOptions {

    @Option(names = "--no-aec", description = "Turn echo cancellation off (to see what it is worth).")
    boolean noAec;

    @Option(names = "--debug", description = "Show stack traces with errors.")
    boolean debug;

    /** The event sinks for {@code --events} (none when absent). */
    static java.util.List<dev.vigil.launch.events.EventSink> events(String target) throws SetupException {
        if (target == null) {
            return java.util.List.of();
        }
        try {
            return java.util.List.of(dev.vigil.launch.events.EventSinkProvider.openFirst(target));
        } catch (java.io.IOException e) {
            throw new SetupException("--events: " + e.getMessage());
        }
    }

    static Speed speed(String value) throws SetupException {
        return switch (value) {
            case "realtime" -> Speed.REALTIME;
            case "max" -> Speed.MAX;
            default -> throw new SetupException("--speed takes realtime or max, not '" + value + "'");
        };
    }
}
