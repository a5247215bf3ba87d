package dev.vigil.launch;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.engines.models.ModelCatalog;
import dev.vigil.engines.models.ModelManifest;
import dev.vigil.engines.models.ModelStore;
import dev.vigil.engines.models.NpmSource;
import dev.vigil.perception.audio.vad.SileroVad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees while a model downloads (issue "Solid ground", item 4): the launcher prints the
 * store's progress as single {@code vigil: } lines on stderr, and says how long loading the engines took.
 * A real replay in a JVM of its own, with an empty model cache and a local registry that sends the Silero
 * tarball in ten slices 300 ms apart (the store reports every 2 s).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DownloadProgressTest {

    @Test
    void aDownloadShowsItsBytesTotalAndRateAsOneLineEach(@TempDir Path dir) throws Exception {
        ModelManifest silero = ModelCatalog.load().get(SileroVad.MODEL);
        NpmSource npm = (NpmSource) silero.source();
        // The tarball as this machine's cache keeps it (architecture.md, "The model store": its layout).
        ModelStore machine = ModelStore.fromEnvironment();
        machine.resolve(silero);
        byte[] tarball = Files.readAllBytes(machine.cacheDir().resolve("archives/npm")
                .resolve(npm.packageName()).resolve(npm.tarballName()));

        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/" + npm.packageName() + "/-/" + npm.tarballName(), exchange -> {
            exchange.sendResponseHeaders(200, tarball.length);
            try (OutputStream out = exchange.getResponseBody()) {
                int slice = tarball.length / 10 + 1;
                for (int off = 0; off < tarball.length; off += slice) {
                    out.write(tarball, off, Math.min(slice, tarball.length - off));
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        registry.start();
        Path scenario = Files.writeString(dir.resolve("s.yaml"), """
                name: one-second
                respond: false
                mic:
                  - {at: 0.2, say: "left", voice: slt}
                duration: 1.5
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder run = new ProcessBuilder(java, "-Xmx1536m", "-cp", System.getProperty("java.class.path"),
                "-Dvigil.home=" + Cli.project(), "dev.vigil.launch.Vigil", "replay", scenario.toString())
                .redirectOutput(dir.resolve("out.log").toFile())
                .redirectError(dir.resolve("err.log").toFile());
        run.environment().put("VIGIL_MODEL_CACHE", dir.resolve("cache").toString());
        run.environment().put("VIGIL_NPM_REGISTRY", "http://127.0.0.1:" + registry.getAddress().getPort());
        Process p = run.start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the replay ends").isTrue();
        } finally {
            p.destroyForcibly();
            registry.stop(0);
        }
        String err = Files.readString(dir.resolve("err.log"));
        String out = Files.readString(dir.resolve("out.log"));
        assertThat(p.exitValue()).as(out + err).isZero();

        String total = String.format(Locale.ROOT, "%.1f", tarball.length / (double) (1 << 20));
        List<String> lines = err.lines().filter(l -> l.contains("download")).toList();
        Pattern progress = Pattern.compile("vigil: downloading " + SileroVad.MODEL + ": (\\d+\\.\\d) / "
                + Pattern.quote(total) + " MB, (\\d+\\.\\d) MB/s");
        // About 3 s of body, a line every 2 s: one progress line (two on a slow machine), then the closing one.
        assertThat(lines).as(err).hasSizeBetween(2, 3);
        for (String line : lines.subList(0, lines.size() - 1)) {
            Matcher m = progress.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0).isLessThan(Double.parseDouble(total));
            // Ten slices in 3 s: about a tenth of the tarball every 300 ms, never all of it in a second.
            assertThat(Double.parseDouble(m.group(2))).isGreaterThan(0).isLessThan(Double.parseDouble(total));
        }
        assertThat(lines.get(lines.size() - 1)).startsWith("vigil: downloaded " + SileroVad.MODEL + ": " + total
                + " MB in ");
        assertThat(err).doesNotContain("INFO:").doesNotContain("Downloader");
        assertThat(out).containsPattern("engines loaded in \\d+\\.\\d s: voice activity\\n");
    }
}
