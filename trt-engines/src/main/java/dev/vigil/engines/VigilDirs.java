package dev.vigil.engines;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Vigil keeps files between runs, after the XDG base directory specification: caches (models,
 * native libraries, grammars) in {@code $XDG_CACHE_HOME/vigil}, else {@code $HOME/.cache/vigil}; state
 * (logs) in {@code $XDG_STATE_HOME/vigil}, else {@code $HOME/.local/state/vigil}. A relative
 * {@code XDG_*} value is ignored, as the specification says. {@code $HOME} wins over the account's home
 * directory ({@code user.home}, which Java reads from the password database): a run with another
 * {@code HOME} (a test, a sandbox, a service) keeps out of the account's files. Nothing is created here.
 */
public record VigilDirs(Path cache, Path state) {

    /** The directories for this process's environment. */
    public static VigilDirs fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param env         the environment variables
     * @param accountHome the account's home, used when {@code HOME} is unset, empty or relative
     */
    public static VigilDirs fromEnvironment(Map<String, String> env, Path accountHome) {
        Path home = home(env, accountHome);
        return new VigilDirs(
                base(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("vigil"),
                base(env, "XDG_STATE_HOME", home.resolve(".local").resolve("state")).resolve("vigil"));
    }

    /** {@code $HOME} when set to an absolute path, else {@code accountHome}. */
    public static Path home(Map<String, String> env, Path accountHome) {
        String home = env.get("HOME");
        if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
            return Path.of(home);
        }
        return accountHome;
    }

    /** {@link #home(Map, Path)} for this process. */
    public static Path home() {
        return home(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private static Path base(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        return fallback;
    }
}
