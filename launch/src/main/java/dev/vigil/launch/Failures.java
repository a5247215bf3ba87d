package dev.vigil.launch;

import dev.vigil.agent.audio.AudioFormatException;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.models.ModelCatalogException;
import dev.vigil.engines.models.ModelFetchException;
import dev.vigil.launch.config.ConfigException;
import dev.vigil.launch.scenario.ScenarioException;

/** How an exception is told to the user: one line, and the exit code it maps to. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && (shown.getMessage() == null || shown instanceof java.util.concurrent.ExecutionException
                || shown instanceof java.io.UncheckedIOException)) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        String first = message.lines().findFirst().orElse(message).strip();
        return isInputProblem(shown) ? first : first + " (" + shown.getClass().getSimpleName() + "; --debug shows where)";
    }

    static int exitCode(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (isInputProblem(t)) {
                return Vigil.BAD_INPUT;
            }
            t = t.getCause();
        }
        return Vigil.INTERNAL_ERROR;
    }

    private static boolean isInputProblem(Throwable t) {
        return t instanceof ScenarioException || t instanceof AudioFormatException || t instanceof ModelFetchException
                || t instanceof EngineException || t instanceof ModelCatalogException || t instanceof SetupException
                || t instanceof dev.vigil.launch.io.DeviceException
                || t instanceof ConfigException;
    }
}
