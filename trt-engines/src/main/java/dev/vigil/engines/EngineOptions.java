package dev.vigil.engines;

import java.util.List;

/**
 * How to run an engine.
 *
 * @param intraOpThreads      threads inside one inference; 1 by default because an agent runs several
 *                            engines at once on a 2-core or 6-core board
 * @param preferredBackends   backends to try first, e.g. {@code tensorrt}, then the manifest's order
 */
public record EngineOptions(int intraOpThreads, List<String> preferredBackends) {

    public static EngineOptions defaults() {
        return new EngineOptions(1, List.of());
    }
}
