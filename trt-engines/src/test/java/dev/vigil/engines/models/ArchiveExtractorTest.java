package dev.vigil.engines.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engines.models.ArchiveExtractor.BadArchive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** npm tarballs through Commons Compress: every long-name form npm packers write, and damage. */
class ArchiveExtractorTest {

  private static final String LONG = "package/" + "deeply/nested/".repeat(10) + "model.onnx";

  @TempDir Path dir;

  @Test
  void findsEntriesUnderUstarGnuLongAndPaxNames() throws Exception {
    byte[] tgz = new TestArchives.Tar()
        .directory("package/")
        .file("package/a.txt", bytes("alpha"))
        .file(LONG, bytes("ustar prefix"))
        .gnuLongName(LONG + ".gnu", bytes("gnu long name"))
        .paxPath(LONG + ".pax", new byte[1300])
        .file("package/z.txt", bytes("last"))
        .tgz();
    assertThat(extract(tgz, "package/a.txt")).isEqualTo(bytes("alpha"));
    assertThat(extract(tgz, LONG)).isEqualTo(bytes("ustar prefix"));
    assertThat(extract(tgz, LONG + ".gnu")).isEqualTo(bytes("gnu long name"));
    assertThat(extract(tgz, LONG + ".pax")).hasSize(1300);
    assertThat(extract(tgz, "package/z.txt")).isEqualTo(bytes("last"));
  }

  @Test
  void truncationAndGarbageAreBadArchives() throws Exception {
    byte[] tar = new TestArchives.Tar().file("a", new byte[5000]).tar();
    byte[] cut = TestArchives.gzip(Arrays.copyOf(tar, 512 + 2000));
    assertThatThrownBy(() -> extract(cut, "a")).isInstanceOf(BadArchive.class)
        .hasMessageStartingWith("archive is truncated (");

    byte[] garbage = new byte[1024];
    Arrays.fill(garbage, (byte) 'x');
    assertThatThrownBy(() -> extract(TestArchives.gzip(garbage), "a")).isInstanceOf(BadArchive.class)
        .hasMessageStartingWith("cannot extract 'a' (");
  }

  private byte[] extract(byte[] tgz, String entry) throws Exception {
    Path archive = Files.write(dir.resolve("p.tgz"), tgz);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveExtractor.extract(new NpmSource("p", "1.0.0", entry), archive, out, "test");
    return out.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
