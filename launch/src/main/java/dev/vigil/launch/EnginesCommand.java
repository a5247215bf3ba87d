package dev.vigil.launch;

import dev.vigil.engines.Backends;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.Precision;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.bench.ExampleInputs;
import dev.vigil.engines.bench.Latency;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.engines.spi.Availability;
import dev.vigil.engines.spi.EngineBackend;
import dev.vigil.engines.tensorrt.PlanCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vigil engines list|build|bench}: the engine layer's backends on this machine, the models
 * and their cache state, opening every model on its chosen backend, and latency per backend.
 */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "Inference backends on this machine, models and their cache, per-backend latency (docs/engines.md).",
        subcommands = {EnginesCommand.ListModels.class, EnginesCommand.Build.class, EnginesCommand.Bench.class})
final class EnginesCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        return new ListModels().call();
    }

    /** The models the engine layer opens: those of a format some backend, installed or named, runs. */
    static List<ModelManifest> engineModels(ModelCatalog catalog, Backends backends, Optional<String> only) {
        if (only.isPresent()) {
            return List.of(catalog.get(only.get()));
        }
        return catalog.manifests().stream()
                .filter(m -> !m.backends().isEmpty() || runsFormat(backends, m.format()))
                .toList();
    }

    private static boolean runsFormat(Backends backends, String format) {
        return backends.names().stream()
                .anyMatch(n -> backends.backend(n).orElseThrow().formats().contains(format));
    }

    /** Why a model is not the engine layer's: no backend runs its format. */
    static String outside(ModelManifest m) {
        return "format '" + m.format() + "' runs outside the engine layer (on " + String.join(", ", m.backends()) + ")";
    }

    /** The backend a model would open on here, or why none; loads nothing but the probes. */
    static String expectedBackend(Backends backends, ModelFile file, EngineOptions options) {
        if (!runsFormat(backends, file.manifest().format())) {
            return "none: " + outside(file.manifest());
        }
        List<String> order;
        try {
            order = backends.preference(file, options);
        } catch (EngineException e) {
            return "none: " + e.getMessage();
        }
        for (String name : order) {
            Optional<EngineBackend> b = backends.backend(name);
            if (b.isPresent() && b.get().formats().contains(file.manifest().format())
                    && backends.availability(name).available()) {
                return name;
            }
        }
        return "none: its backends " + file.manifest().backends() + " are not engine plug-ins in this build";
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Backends (available here, or why not), models, their cache state and the backend each would use.")
    static final class ListModels implements Callable<Integer> {

        @Mixin
        ConfigOptions config = new ConfigOptions();

        @Override
        public Integer call() throws Exception {
            Backends backends = Engines.installed();
            EngineOptions options = config.resolve().engineOptions();
            System.out.println("backends (preference: " + (options.preferredBackends().isEmpty()
                    ? EngineOptions.DEFAULT_BACKENDS + ", the default" : options.preferredBackends())
                    + "; GPU precision: " + options.precision().word() + ")");
            backends.availabilities().forEach((name, a) ->
                    System.out.printf("  %-21s %s%n", name, a));
            ModelStore store = ModelStore.fromEnvironment();
            ModelCatalog catalog = ModelCatalog.load();
            PlanCache plans = PlanCache.fromEnvironment();
            System.out.println("models (name, format, cache: missing|cached|verified|local, TensorRT plans under "
                    + plans.root() + ", the backend it would use)");
            for (ModelManifest m : engineModels(catalog, backends, Optional.empty())) {
                ModelFile file = new ModelFile(m, store.modelPath(m));
                System.out.printf("  %-21s %-15s %-9s %d plans  %s%n", m.name(), m.format(),
                        store.cacheState(m).name().toLowerCase(java.util.Locale.ROOT),
                        plans.keys(m.name()).size(), expectedBackend(backends, file, options));
            }
            return Vigil.OK;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Fetch and verify each engine model (or MODEL), open it on its chosen backend and say which and why.")
    static final class Build implements Callable<Integer> {

        @Parameters(paramLabel = "MODEL", arity = "0..1", description = "One model (default: every engine model).")
        String model;

        @Mixin
        ConfigOptions config = new ConfigOptions();

        @Override
        public Integer call() throws Exception {
            EngineOptions options = config.resolve().engineOptions();
            ModelStore store = ModelStore.fromEnvironment();
            int failed = 0;
            Backends backends = Engines.installed();
            for (ModelManifest m : engineModels(ModelCatalog.load(), backends, Optional.ofNullable(model))) {
                if (!runsFormat(backends, m.format())) {
                    System.out.println("model '" + m.name() + "': " + outside(m));
                    continue;
                }
                long t0 = System.nanoTime();
                try (Engine engine = Engines.open(store.resolve(m), options)) {
                    System.out.printf("%s (%.0f ms)%n", Engines.choice(m.name()).orElseThrow().describe(),
                            (System.nanoTime() - t0) / 1e6);
                } catch (EngineException e) {
                    System.out.println(e.getMessage());
                    failed++;
                }
            }
            return failed == 0 ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Latency of one run of each engine model (or MODEL) on every backend that runs it here, as JSON.")
    static final class Bench implements Callable<Integer> {

        @Parameters(paramLabel = "MODEL", arity = "0..1", description = "One model (default: every engine model).")
        String model;

        @Option(names = "--runs", defaultValue = "50", description = "Timed runs per model and backend (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--warmup", defaultValue = "5", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--threads", defaultValue = "1", description = "Intra-op threads per run (default: ${DEFAULT-VALUE}, as in the agent).")
        int threads;

        @Option(names = "--precision", defaultValue = "fp16", paramLabel = "fp32|fp16|int8",
                description = "What GPU backends may compute in; TensorRT builds a plan per precision (default: ${DEFAULT-VALUE}).")
        String precision;

        @Option(names = "--report", paramLabel = "FILE.json", description = "Write the JSON here instead of to stdout.")
        Path report;

        /**
         * One model on one backend.
         *
         * @param model     the model's name
         * @param backend   the backend's name
         * @param inputs    each input's shape, e.g. {@code [1, 576]}
         * @param latency   run latency in ms; null when skipped or failed
         * @param openMs    time to open the engine, ms; null when skipped
         * @param skipped   why it did not run: the backend is unavailable here, or the model failed to load or run
         */
        record Result(String model, String backend, Map<String, String> inputs, Latency latency, Double openMs,
                      String skipped) {
        }

        /**
         * The whole bench.
         *
         * @param machine   cores, OS and Java of this machine
         * @param runs      timed runs per entry
         * @param warmup    untimed runs before them
         * @param threads   intra-op threads per run
         * @param precision what GPU backends computed in: fp32, fp16 or int8
         * @param backends  every installed backend: "available", or why not
         * @param results   one per model and backend that runs its format
         */
        record Figures(Map<String, String> machine, int runs, int warmup, int threads, String precision,
                       Map<String, String> backends, List<Result> results) {
        }

        @Override
        public Integer call() throws Exception {
            if (runs < 1 || warmup < 0 || threads < 1) {
                throw new SetupException("--runs and --threads must be at least 1 and --warmup at least 0");
            }
            Precision p;
            try {
                p = Precision.parse(precision);
            } catch (IllegalArgumentException e) {
                throw new SetupException("--precision: " + e.getMessage());
            }
            Backends backends = Engines.installed();
            EngineOptions options = EngineOptions.defaults().withIntraOpThreads(threads).withPrecision(p);
            ModelStore store = ModelStore.fromEnvironment();
            List<Result> results = new ArrayList<>();
            for (ModelManifest m : engineModels(ModelCatalog.load(), backends, Optional.ofNullable(model))) {
                List<String> tried = backends.names().stream()
                        .filter(n -> backends.backend(n).orElseThrow().formats().contains(m.format())).toList();
                if (tried.isEmpty()) {
                    results.add(new Result(m.name(), String.join(",", m.backends()), Map.of(), null, null,
                            outside(m)));
                    continue;
                }
                ModelFile file = store.resolve(m);
                for (String name : tried) {
                    results.add(bench(backends, name, file, options));
                }
            }
            Map<String, String> availability = new LinkedHashMap<>();
            backends.availabilities().forEach((n, a) -> availability.put(n, a.toString()));
            Figures figures = new Figures(machine(), runs, warmup, threads, p.word(), availability, results);
            if (report != null) {
                ReportJson.write(figures, report);
                System.err.println("vigil: wrote " + report);
            } else {
                System.out.println(ReportJson.write(figures));
            }
            return Vigil.OK;
        }

        private Result bench(Backends backends, String name, ModelFile file, EngineOptions options) {
            Availability a = backends.availability(name);
            if (!a.available()) {
                return new Result(file.name(), name, Map.of(), null, null, a.reason());
            }
            long t0 = System.nanoTime();
            try (Engine engine = backends.backend(name).orElseThrow().open(file, options)) {
                double openMs = (System.nanoTime() - t0) / 1e6;
                Map<String, Tensor> inputs = ExampleInputs.of(engine, file.manifest());
                Map<String, String> shapes = new LinkedHashMap<>();
                inputs.forEach((n, t) -> shapes.put(n, t.dtype() + Arrays.toString(t.shape())));
                System.err.printf("vigil: %s on %s: %d runs%n", file.name(), name, runs);
                return new Result(file.name(), name, shapes, Latency.measure(engine, inputs, warmup, runs), openMs,
                        null);
            } catch (EngineException e) {
                return new Result(file.name(), name, Map.of(), null, null, e.getMessage());
            }
        }

        private static Map<String, String> machine() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            return m;
        }
    }
}
