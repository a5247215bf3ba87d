package dev.vigil.launch;

import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models Vigil knows, or fetch them all into the cache (then it works offline).")
final class ModelsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "list|fetch", defaultValue = "list")
    String action;

    @Override
    public Integer call() throws Exception {
        ModelStore store = ModelStore.fromEnvironment();
        var catalog = ModelCatalog.load();
        switch (action) {
            case "list" -> {
                for (ModelManifest m : catalog.manifests()) {
                    System.out.printf("%-18s %-6s %s%n", m.name(), m.format(), m.description());
                }
            }
            case "fetch" -> {
                for (ModelManifest m : catalog.manifests()) {
                    var file = store.resolve(m);
                    System.out.printf("%-18s %s%n", m.name(), file.path());
                }
            }
            default -> throw new SetupException("unknown action '" + action + "' (use list or fetch)");
        }
        return Vigil.OK;
    }
}
