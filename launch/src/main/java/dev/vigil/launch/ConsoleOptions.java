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

    /** The console started and announced on {@code out}, or null without {@code --console}. */
    ConsoleServer open(PrintStream out) throws SetupException {
        if (!enabled) {
            return null;
        }
        ConsoleSettings settings;
        try {
            settings = new ConsoleSettings(true, bind, port, null);
        } catch (IllegalArgumentException e) {
            String key = e instanceof dev.vigil.engines.yaml.InvalidValue v ? v.key() : "";
            String problem = e instanceof dev.vigil.engines.yaml.InvalidValue v ? v.problem() : e.getMessage();
            throw new SetupException("--console-" + key + ": " + problem);
        }
        return start(settings, out);
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
