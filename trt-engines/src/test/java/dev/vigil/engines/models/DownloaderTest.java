package dev.vigil.engines.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The figures of a download's progress lines (the lines themselves: ModelStoreTest). */
class DownloaderTest {

  @Test
  void progressShowsTheTotalOnlyWhenTheServerDeclaredOne() {
    assertThat(Downloader.megabytes(12_900_000, 78_800_000)).isEqualTo("12.3 / 75.1 MB");
    assertThat(Downloader.megabytes(12_900_000, -1)).isEqualTo("12.3 MB");
    assertThat(Downloader.megabytes(0, 0)).isEqualTo("0.0 / 0.0 MB");
  }

  @Test
  void rateIsTheMeanSinceTheStart() {
    assertThat(Downloader.rate(4L << 20, 2_000_000_000L)).isEqualTo("2.0 MB/s");
    // A first read in the same nanosecond as the start: no rate yet, not infinity.
    assertThat(Downloader.rate(1 << 20, 0)).isEqualTo("0.0 MB/s");
  }
}
