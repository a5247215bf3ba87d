package dev.vigil.perception.vision.ocr;

import dev.vigil.agent.message.CameraFrame;
import dev.vigil.agent.message.Observation;
import dev.vigil.engines.Engine;
import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.Engines;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.engines.spi.Availability;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PP-OCRv4 on TensorRT (FP16 plans) against ONNX Runtime on the CPU, on a real scanned page. Needs
 * {@code -Ptensorrt} on a host with TensorRT 10 and a GPU; skipped elsewhere with the backend's reason.
 */
class TensorRtOcrParityTest {

    private static final Path PAGE = Path.of("/usr/share/doc/opencv-doc/examples/data/imageTextN.png");
    /** FP16 against FP32: a line's confidence may move this much and no more. */
    private static final double SCORE_TOLERANCE = 0.02;

    @Test
    void readsTheSameLinesOnTensorRtAsOnTheCpu() throws Exception {
        Availability trt = Engines.availabilities().get("tensorrt");
        if (!trt.available()) {
            // Maven's console shows only the count of skipped tests; the reason goes there too.
            System.out.println("skipped, tensorrt is not available here: " + trt.reason());
        }
        assumeTrue(trt.available(), () -> "tensorrt is not available here: " + trt.reason());
        assumeTrue(Files.isRegularFile(PAGE), "Debian package opencv-doc is not installed");
        ModelCatalog catalog = ModelCatalog.load();
        ModelStore store = ModelStore.fromEnvironment();
        EngineOptions onGpu = EngineOptions.defaults().withPreferredBackends(List.of("tensorrt"));
        EngineOptions onCpu = EngineOptions.defaults().withPreferredBackends(List.of("onnxruntime-cpu"));
        // The engine layer falls back quietly to the CPU: first make sure both models really run on TensorRT.
        for (String model : List.of(PpOcr.DETECTION_MODEL, PpOcr.RECOGNITION_MODEL)) {
            try (Engine e = Engines.open(store.resolve(catalog.get(model)), onGpu)) {
                assertThat(e.backend()).as(model).isEqualTo("tensorrt");
            }
        }
        CameraFrame page = TextImages.read(PAGE);

        List<Observation> gpu;
        List<Observation> cpu;
        try (PpOcr ocr = PpOcr.open(catalog, store, onGpu, OcrSettings.defaults())) {
            gpu = ocr.observe(page);
        }
        try (PpOcr ocr = PpOcr.open(catalog, store, onCpu, OcrSettings.defaults())) {
            cpu = ocr.observe(page);
        }

        assertThat(gpu).extracting(Observation::label)
                .containsExactlyElementsOf(cpu.stream().map(Observation::label).toList());
        for (int i = 0; i < cpu.size(); i++) {
            assertThat(gpu.get(i).score()).as(cpu.get(i).label())
                    .isCloseTo(cpu.get(i).score(), org.assertj.core.data.Offset.offset(SCORE_TOLERANCE));
        }
    }
}
