package dev.vigil.engines;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VigilDirsTest {

    private final Path account = Path.of("/home/robot");

    @Test
    void cacheAndStateFollowHomeUnlessXdgSaysOtherwise() {
        VigilDirs plain = VigilDirs.fromEnvironment(Map.of(), account);
        assertThat(plain.cache()).isEqualTo(Path.of("/home/robot/.cache/vigil"));
        assertThat(plain.state()).isEqualTo(Path.of("/home/robot/.local/state/vigil"));

        VigilDirs sandbox = VigilDirs.fromEnvironment(Map.of("HOME", "/tmp/box"), account);
        assertThat(sandbox.cache()).isEqualTo(Path.of("/tmp/box/.cache/vigil"));
        assertThat(sandbox.state()).isEqualTo(Path.of("/tmp/box/.local/state/vigil"));

        VigilDirs xdg = VigilDirs.fromEnvironment(Map.of("HOME", "/tmp/box", "XDG_CACHE_HOME", "/var/cache",
                "XDG_STATE_HOME", "/var/lib/robot"), account);
        assertThat(xdg.cache()).isEqualTo(Path.of("/var/cache/vigil"));
        assertThat(xdg.state()).isEqualTo(Path.of("/var/lib/robot/vigil"));
    }

    @Test
    void relativeOrEmptyValuesAreIgnored() {
        VigilDirs dirs = VigilDirs.fromEnvironment(Map.of("HOME", "", "XDG_CACHE_HOME", "cache",
                "XDG_STATE_HOME", " "), account);
        assertThat(dirs.cache()).isEqualTo(Path.of("/home/robot/.cache/vigil"));
        assertThat(dirs.state()).isEqualTo(Path.of("/home/robot/.local/state/vigil"));
        assertThat(VigilDirs.home(Map.of("HOME", "relative"), account)).isEqualTo(account);
    }
}
