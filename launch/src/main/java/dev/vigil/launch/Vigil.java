package dev.vigil.launch;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Entry point of the {@code vigil} command. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Full-duplex perceive-and-speak agent for robots and in-car assistants.",
        subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, BenchCommand.class, ModelsCommand.class,
                EnginesCommand.class, ConfigCommand.class})
public final class Vigil {

    public static final int OK = 0;
    public static final int EXPECTATIONS_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    /**
     * The engine layer's loggers: the model store's records (a download's progress, a corrupt cached
     * file fetched again), a corrupt TensorRT plan rebuilt, a backend the user asked for and did not
     * get, are for the person at the terminal. Held here because java.util.logging keeps loggers
     * only weakly, and a handler set on a collected one is lost.
     */
    private static final Logger ENGINES = Logger.getLogger("dev.vigil.engines");

    /**
     * Each model's backend choice is logged at INFO when only the default preference's GPU backends
     * were skipped (every model, at every start, on a machine without a GPU): the terminal shows the
     * WARNING ones only, where a backend named in {@code engines.backends} was skipped; {@code vigil
     * engines build} prints every choice.
     */
    private static final Logger ENGINE_CHOICES = Logger.getLogger("dev.vigil.engines.Engines");

    /** Runs the command on a thread with a generous stack: see {@link SetupThread}. */
    public static void main(String[] args) throws Exception {
        // The DDS library logs through the Log4j 2 API, with no implementation on the agent's class path:
        // the API's own simple logger, its warnings only, on stderr. Without this, every run printed
        // "ERROR StatusLogger Log4j2 could not find a logging implementation" (and, where log4j-core was
        // present, each node's start and shutdown at INFO with ANSI colour codes).
        setIfAbsent("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        setIfAbsent("org.apache.logging.log4j.simplelog.level", "WARN");
        setIfAbsent("org.apache.logging.log4j.simplelog.logFile", "system.err");
        engineLinesOnTheTerminal();
        System.exit(SetupThread.call("vigil-main", () -> execute(args)));
    }

    /**
     * The engine layer's records as the launcher's own one-line {@code vigil: } messages on stderr,
     * instead of java.util.logging's two lines (date and class, then level and message) per record.
     */
    private static void engineLinesOnTheTerminal() {
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return "vigil: " + formatMessage(record) + System.lineSeparator();
            }
        });
        ENGINES.addHandler(console);
        ENGINES.setUseParentHandlers(false);
        ENGINE_CHOICES.setLevel(java.util.logging.Level.WARNING);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public static int execute(String... args) {
        CommandLine line = new CommandLine(new Vigil());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean debug = parsed.asCommandLineList().stream()
                    .anyMatch(c -> c.getParseResult() != null && c.getParseResult().hasMatchedOption("--debug"));
            cmd.getErr().println("vigil: " + Failures.describe(e));
            if (debug) {
                e.printStackTrace(cmd.getErr());
            }
            return Failures.exitCode(e);
        });
        line.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("vigil: " + e.getMessage());
            // The full command path ("vigil engines list"): a subcommand's own name alone is no command.
            e.getCommandLine().getErr().println("(see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return BAD_INPUT;
        });
        return line.execute(args);
    }
}
