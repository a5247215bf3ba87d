package dev.vigil.launch;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vigil} command. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Full-duplex perceive-and-speak agent for robots and in-car assistants.",
        subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, BenchCommand.class, ModelsCommand.class,
                ConfigCommand.class})
public final class Vigil {

    public static final int OK = 0;
    public static final int EXPECTATIONS_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    /** Stack for the thread that sets the agent up (native libraries load and run their first calls there). */
    static final long MAIN_STACK_BYTES = 16L << 20;

    /**
     * Runs the command on a thread with a generous stack. On the JVM's own main thread (1 MiB by
     * default), set-up died with SIGSEGV and no hs_err file (a native overflow the JVM cannot report)
     * once the class path was long, as a test's is: native set-up (GStreamer's plugin registry, flite,
     * speexdsp) runs on this thread.
     */
    public static void main(String[] args) throws InterruptedException {
        int[] exit = {INTERNAL_ERROR};
        Thread main = new Thread(null, () -> exit[0] = execute(args), "vigil-main", MAIN_STACK_BYTES);
        main.start();
        main.join();
        System.exit(exit[0]);
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
            e.getCommandLine().getErr().println("(see: vigil " + e.getCommandLine().getCommandName() + " --help)");
            return BAD_INPUT;
        });
        return line.execute(args);
    }
}
