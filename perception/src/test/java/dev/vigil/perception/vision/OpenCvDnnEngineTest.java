package dev.vigil.perception.vision;

import dev.vigil.engines.BackendChoice;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineException;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.Tensor;
import dev.vigil.engines.TensorSpec;
import dev.vigil.engines.DType;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelFile;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.engines.opencv.OpenCvDnnEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine layer's {@code opencv-dnn} backend on MediaPipe's real BlazeFace TFLite model (perception's
 * catalog): chosen for the model's format, tensors in and out, and broken models and tensors refused in
 * one line naming the model.
 */
class OpenCvDnnEngineTest {

    private static ModelFile blazeface;

    @BeforeAll
    static void fetch() throws Exception {
        blazeface = ModelStore.fromEnvironment().resolve(ModelCatalog.load().get("blazeface-short-range"));
    }

    @Test
    void aTfliteModelOpensOnOpenCvAndRunsThroughTheEngineLayer() throws Exception {
        try (Engine engine = Engines.open(blazeface, EngineOptions.defaults())) {
            assertThat(engine.backend()).isEqualTo("opencv-dnn");
            assertThat(engine.inputs()).containsOnlyKeys("input");
            assertThat(engine.inputs().get("input")).isEqualTo(new TensorSpec("input", DType.FLOAT32,
                    new long[] {1, 3, 128, 128}));
            assertThat(engine.outputs().keySet()).containsExactlyInAnyOrder("regressors", "classificators");
            assertThat(engine.outputs().get("regressors").shape()).containsExactly(1, 896, 16);
            assertThat(engine.outputs().get("classificators").shape()).containsExactly(1, 896, 1);

            Map<String, Tensor> out = engine.run(Map.of("input", Tensor.allocateFloats(1, 3, 128, 128)));
            float[] logits = new float[896];
            out.get("classificators").floats().get(0, logits);
            for (float v : logits) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            // A grey picture holds no face: every anchor's logit says so.
            assertThat(max(logits)).isLessThan(0);
        }
        BackendChoice choice = Engines.choice("blazeface-short-range").orElseThrow();
        assertThat(choice.chosen()).isEqualTo("opencv-dnn");
        assertThat(choice.skipped()).as("the ONNX backends do not run TFLite")
                .allSatisfy(s -> assertThat(s.reason()).isEqualTo("does not run format 'tflite'"));
    }

    @Test
    void tensorsOfTheWrongShapeOrNameAreRefusedInOneLine() throws Exception {
        try (Engine engine = Engines.open(blazeface, EngineOptions.defaults())) {
            assertThatThrownBy(() -> engine.run(Map.of("input", Tensor.allocateFloats(1, 128, 128, 3))))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("model 'blazeface-short-range': input 'input' must be FLOAT32[1, 3, 128, 128],"
                            + " got FLOAT32[1, 128, 128, 3]");
            assertThatThrownBy(() -> engine.runInto(Map.of("input", Tensor.allocateFloats(1, 3, 128, 128)),
                    Map.of("boxes", Tensor.allocateFloats(1, 896, 16))))
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("model 'blazeface-short-range': no output 'boxes' (outputs: ");
            engine.close();
            assertThatThrownBy(() -> engine.run(Map.of("input", Tensor.allocateFloats(1, 3, 128, 128))))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("model 'blazeface-short-range': the engine is closed");
        }
    }

    @Test
    void aTruncatedModelFileIsAClearError(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("face_detection_short_range.tflite");
        byte[] whole = Files.readAllBytes(blazeface.path());
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        ModelFile broken = new ModelFile(blazeface.manifest(), truncated);
        assertThatThrownBy(() -> OpenCvDnnEngine.open(broken, EngineOptions.defaults()))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("model 'blazeface-short-range': OpenCV cannot read " + truncated + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Engines.open(broken, EngineOptions.defaults()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("OpenCV cannot read");
    }

    @Test
    void aTfliteManifestWithoutItsInputShapeIsAClearError() {
        ModelManifest m = blazeface.manifest();
        ModelFile noShape = new ModelFile(new ModelManifest(m.name(), m.format(), m.sha256(), m.licence(), m.source(),
                m.backends(), m.description()), blazeface.path());
        assertThatThrownBy(() -> OpenCvDnnEngine.open(noShape, EngineOptions.defaults()))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("model 'blazeface-short-range': OpenCV does not report a TFLite model's input"
                        + " shape; give it as the one entry of example_inputs");
    }

    private static float max(float[] values) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
