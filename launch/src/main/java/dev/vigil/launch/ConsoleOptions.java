package dev.vigil.launch;

import dev.vigil.launch.config.ConsoleSettings;
import dev.vigil.launch.console.ConsoleServer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;

/** The web console's options for the commands that replay a scenario ({@code run} reads {@code console:}). */
final class ConsoleOptions {

    @Option(names = "--console", description = "Serve the live web console while the scenario plays (docs/console.md); "
            + "its address, with a token made for this run, is printed.")
    boolean enabled;

    @Option(names = "--console-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The console's IP address (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every address, token required).")
    String bind;

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "" + ConsoleSettings.DEFAULT_PORT,
            description = "The console's port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    /**
     * The settings these options give, checked as {@code console:} is in vigil.yaml.
     *
     * @throws SetupException one line naming the option: a bind that is no IP address, a port outside 0–65535
     */
    ConsoleSettings settings() throws SetupException {
        try {
            return new ConsoleSettings(enabled, bind, port, null);
        } catch (dev.vigil.engines.yaml.InvalidValue e) {
            throw new SetupException("--console-" + e.key() + ": " + e.problem());
        }
    }

    /** The console started and announced on {@code out}, or null without {@code --console}. */
    ConsoleServer open(PrintStream out) throws SetupException {
        ConsoleSettings settings = settings();
        return settings.enabled() ? start(settings, out) : null;
    }

    /** Starts a console and prints where it is; the line with the token is printed once, here. */
    static ConsoleServer start(ConsoleSettings settings, PrintStream out) throws SetupException {
        try {
            ConsoleServer console = ConsoleServer.start(settings);
            out.println(console.tokenMade() ? console.announcement()
                    : "vigil: console at " + console.url().toString().replace(console.token(), "<console.token>"));
            out.flush();
            return console;
        } catch (IOException e) {
            throw new SetupException(e.getMessage());
        }
    }
}
