package dev.vigil.launch.config;

import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.Precision;

import java.util.List;

import static dev.vigil.launch.config.SettingException.check;

/**
 * How model engines are opened ({@code engines:} in vigil.yaml).
 *
 * @param intraOpThreads threads one model run may use; default 1, since the agent runs several
 *                       engines side by side on as few as two cores; at least 1
 * @param backends       backends to try, best first (e.g. {@code onnxruntime-cpu}); default empty:
 *                       {@link EngineOptions#DEFAULT_BACKENDS}. Each must be one this build has
 *                       ({@link Engines#backends()}); one that cannot load here is skipped, with a
 *                       warning, when the engine is opened.
 * @param precision      what GPU backends may compute in: {@code fp16} (default), {@code fp32}, or
 *                       {@code int8} for explicitly quantized models ({@link Precision}); a TensorRT
 *                       plan is built per precision. The CPU backends ignore it.
 */
public record EngineSettings(int intraOpThreads, List<String> backends, String precision) {

    /** @throws IllegalArgumentException fewer than one thread, an empty or unknown backend name, an unknown precision */
    public EngineSettings {
        check(backends != null, "backends", "must be a list of backend names (write [] for none)");
        List<String> known = Engines.backends();
        for (int i = 0; i < backends.size(); i++) {
            SettingException.text(backends.get(i), "backends[" + i + "]");
            check(known.contains(backends.get(i)), "backends[" + i + "]",
                    "unknown backend '" + backends.get(i) + "' (known: " + String.join(", ", known) + ")");
        }
        backends = List.copyOf(backends);
        SettingException.text(precision, "precision");
        try {
            precision = Precision.parse(precision).word();
        } catch (IllegalArgumentException e) {
            throw new SettingException("precision", e.getMessage());
        }
        try {
            new EngineOptions(intraOpThreads, backends);
        } catch (IllegalArgumentException e) {
            throw new SettingException("intra_op_threads", e.getMessage());
        }
    }

    /** {@link EngineOptions#defaults()}. */
    public static EngineSettings defaults() {
        EngineOptions d = EngineOptions.defaults();
        return new EngineSettings(d.intraOpThreads(), d.preferredBackends(), d.precision().word());
    }

    /** These settings as the engines take them. */
    public EngineOptions options() {
        return new EngineOptions(intraOpThreads, backends, Precision.parse(precision));
    }
}
