package dev.vigil.launch;

import dev.vigil.engines.EngineOptions;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.launch.replay.Report;
import dev.vigil.launch.replay.ReplayRun;
import dev.vigil.launch.replay.Speed;
import dev.vigil.launch.scenario.RenderedScenario;
import dev.vigil.launch.scenario.ScenarioLoader;
import dev.vigil.perception.audio.frontend.FrontEndSettings;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code vigil bench video}: a long camera stream replayed in real time — by default 10 minutes of a
 * 1280×720, 30 fps elevator display whose floor changes every 30 s, with one watch asked for at the
 * start, so the sampler runs at its watching rate throughout. It checks that vision stays within its
 * budget while hearing loses nothing, that memory stays flat, and reports the frames dropped (replaced
 * before the sampler looked at them: most of them, by design).
 * <p>
 * Heap: the heap in use after the latest collection (the memory pools' collection usage), sampled
 * every 10 s; "flat" means the last sample is within 20 % (and 32 MiB) of the highest after the
 * first minute's warm-up.
 */
final class VideoBench {

    private VideoBench() {
    }

    static int bench(double minutes, int width, int height, int fps, PrintStream out) throws Exception {
        double seconds = minutes * 60;
        int floors = Math.max(2, (int) Math.ceil(seconds / 30));
        StringBuilder yaml = new StringBuilder("name: video-bench\nvideo: {elevator: {width: ").append(width)
                .append(", height: ").append(height).append(", fps: ").append(fps).append(", floors: [");
        for (int i = 0; i < floors; i++) {
            yaml.append(i == 0 ? "" : ", ").append("[").append(i * 30).append(", ").append(i + 1).append("]");
        }
        yaml.append("]}}\nmic:\n  - {at: 1.0, say: \"tell me when we reach floor ").append(floors + 5)
                .append("\", voice: rms}\nduration: ").append(seconds).append('\n');
        Path file = Files.createTempFile("vigil-video-bench-", ".yaml");
        Files.writeString(file, yaml);
        RenderedScenario rendered;
        try (var flite = AgentParts.flite()) {
            rendered = new dev.vigil.launch.scenario.ScenarioRenderer(flite).render(ScenarioLoader.load(file));
        } finally {
            Files.deleteIfExists(file);
        }
        AgentParts.requireSpeex();
        ModelStore store = ModelStore.fromEnvironment();
        var conversation = AgentParts.conversation(store, java.util.Optional.empty());
        out.printf(Locale.ROOT, "bench video: %.0f s of a %d × %d, %d fps elevator display in real time, one watch"
                + " active, %d cores%n", seconds, width, height, fps, Runtime.getRuntime().availableProcessors());
        List<double[]> heap = new ArrayList<>();
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    heap.add(new double[]{(System.nanoTime() - start) / 1e9, afterGcMiB()});
                    Thread.sleep(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-bench-heap");
        sampler.setDaemon(true);
        sampler.start();
        Report report;
        try {
            report = ReplayRun.run(rendered, new ReplayRun.Options(Speed.REALTIME, FrontEndSettings.defaults(),
                    AgentParts.voiceActivity(store), null, null, conversation, List.of(),
                    AgentParts.vision(store, EngineOptions.defaults())));
        } finally {
            sampler.interrupt();
        }
        long frames = Math.round(seconds * fps);
        var ocr = report.processing().visionMs().get("ocr");
        long sampled = report.observationsSummary().getOrDefault("ocr", new Report.EngineFrames(0)).frames();
        out.printf(Locale.ROOT, "  camera frames      %d sent, %d looked at (%.2f a second), %d dropped (replaced"
                + " before the sampler looked)%n", frames, sampled, sampled / seconds, report.framesDropped());
        out.printf(Locale.ROOT, "  ocr compute        %s%n", ocr == null ? "none" : ocr);
        out.printf(Locale.ROOT, "  microphone         %.0f ms of audio dropped; %d errors%n", report.droppedAudioMs(),
                report.errors().size());
        out.printf(Locale.ROOT, "  wall time          %.1f s for %.0f s%n", report.processing().wallS(), seconds);
        double highest = 0;
        double last = heap.isEmpty() ? 0 : heap.get(heap.size() - 1)[1];
        StringBuilder line = new StringBuilder();
        for (double[] h : heap) {
            if (h[0] >= 60) {
                highest = Math.max(highest, h[1]);
            }
            line.append(String.format(Locale.ROOT, " %.0f", h[1]));
        }
        out.println("  heap after GC, MiB every 10 s:" + line);
        boolean flat = last <= Math.max(highest * 1.2, highest + 32) || highest == 0;
        boolean kept = report.droppedAudioMs() == 0 && report.errors().isEmpty() && sampled > 0;
        out.printf(Locale.ROOT, "  verdict            %s%n", flat && kept ? "holds: heap flat, no audio lost, vision ran"
                : "does not hold" + (flat ? "" : ": heap grew") + (kept ? "" : ": audio lost, errors, or no frame looked at"));
        return flat && kept ? Vigil.OK : Vigil.EXPECTATIONS_FAILED;
    }

    /** Heap in use after the latest collection, all heap pools, MiB. */
    private static double afterGcMiB() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used / 1048576.0;
    }
}
