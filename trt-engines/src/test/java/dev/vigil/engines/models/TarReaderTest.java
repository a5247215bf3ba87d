package dev.vigil.engines.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarReaderTest {

  private static final String LONG = "package/" + "deeply/nested/".repeat(10) + "model.onnx";

  @Test
  void readsUstarGnuLongNamesAndPaxPaths() throws IOException {
    byte[] tar = new TestArchives.Tar()
        .directory("package/")
        .file("package/a.txt", bytes("alpha"))
        .file(LONG, bytes("ustar prefix"))
        .gnuLongName(LONG + ".gnu", bytes("gnu long name"))
        .paxPath(LONG + ".pax", new byte[1300])
        .file("package/z.txt", bytes("last"))
        .tar();

    Map<String, byte[]> entries = readAll(tar);
    assertThat(entries.keySet()).containsExactly("package/", "package/a.txt", LONG, LONG + ".gnu",
        LONG + ".pax", "package/z.txt");
    assertThat(entries.get("package/a.txt")).isEqualTo(bytes("alpha"));
    assertThat(entries.get(LONG)).isEqualTo(bytes("ustar prefix"));
    assertThat(entries.get(LONG + ".gnu")).isEqualTo(bytes("gnu long name"));
    assertThat(entries.get(LONG + ".pax")).hasSize(1300);
    assertThat(entries.get("package/z.txt")).isEqualTo(bytes("last"));
  }

  @Test
  void skipsUnreadEntries() throws IOException {
    byte[] tar = new TestArchives.Tar()
        .file("a", new byte[5000])
        .file("b", bytes("bee"))
        .tar();
    TarReader reader = new TarReader(new ByteArrayInputStream(tar));
    assertThat(reader.next().name()).isEqualTo("a");
    TarReader.Entry b = reader.next();
    assertThat(b.name()).isEqualTo("b");
    assertThat(reader.data().readAllBytes()).isEqualTo(bytes("bee"));
    assertThat(reader.next()).isNull();
  }

  @Test
  void truncationIsAnEofNotAShortFile() {
    byte[] tar = new TestArchives.Tar().file("a", new byte[5000]).tar();
    byte[] cut = Arrays.copyOf(tar, 512 + 2000);
    assertThatThrownBy(() -> {
      TarReader reader = new TarReader(new ByteArrayInputStream(cut));
      reader.next();
      reader.data().readAllBytes();
    }).isInstanceOf(EOFException.class).hasMessage("archive ends inside entry 'a'");

    byte[] midHeader = Arrays.copyOf(tar, 100);
    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(midHeader)).next())
        .isInstanceOf(EOFException.class)
        .hasMessage("archive ends inside a tar header at byte 0");
  }

  @Test
  void garbageIsNotATar() {
    byte[] garbage = new byte[1024];
    Arrays.fill(garbage, (byte) 'x');
    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(garbage)).next())
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not a tar archive, or corrupt: bad");
  }

  private static Map<String, byte[]> readAll(byte[] tar) throws IOException {
    TarReader reader = new TarReader(new ByteArrayInputStream(tar));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
      entries.put(e.name(), reader.data().readAllBytes());
    }
    return entries;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
