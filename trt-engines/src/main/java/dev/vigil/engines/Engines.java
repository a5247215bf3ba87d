package dev.vigil.engines;

import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.onnx.OnnxRuntimeEngine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Opens a model on the best backend this machine has. */
public final class Engines {

    /** Backends this build can run, by format. TensorRT (format {@code plan}, or ONNX via its EP) is not here yet. */
    static final String ONNX_CPU = "onnxruntime-cpu";

    private static final System.Logger LOG = System.getLogger(Engines.class.getName());

    private Engines() {
    }

    public static Engine open(ModelFile model, EngineOptions options) throws EngineException {
        String format = model.manifest().format();
        if (!format.equals("onnx")) {
            throw new EngineException("model '" + model.manifest().name() + "': no backend for format '" + format
                    + "' in this build (available: onnx on " + ONNX_CPU + ")");
        }
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(concat(options.preferredBackends(), model.manifest().backends())));
        if (!wanted.isEmpty() && !wanted.get(0).equals(ONNX_CPU)) {
            LOG.log(System.Logger.Level.INFO, "model ''{0}'': backend {1} is not available here, using {2}",
                    model.manifest().name(), wanted.get(0), ONNX_CPU);
        }
        return OnnxRuntimeEngine.open(model, options);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
