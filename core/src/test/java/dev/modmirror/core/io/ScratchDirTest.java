package dev.modmirror.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirTest {
  @TempDir Path parent;

  @Test
  void removesTheSpoolOfAProcessThatIsGoneAndKeepsOneStillRunning() throws Exception {
    // What kill -9 leaves: a directory with a lock file nobody holds, and a half-written spool.
    Path crashed = Files.createDirectories(parent.resolve("modmirror-warmer-crashed"));
    Files.writeString(crashed.resolve(".lock"), "");
    Files.write(crashed.resolve("warm-123.zip"), new byte[100]);
    Path other = Files.createDirectories(parent.resolve("modmirror-replicator-x"));

    try (ScratchDir running = ScratchDir.claim(parent, "modmirror-warmer");
        ScratchDir next = ScratchDir.claim(parent, "modmirror-warmer")) {
      assertThat(crashed).doesNotExist();
      assertThat(running.removed()).containsExactly(crashed);
      assertThat(running.path()).isDirectory();
      // A live replica's directory is locked: the second claim leaves it alone.
      assertThat(next.removed()).isEmpty();
      assertThat(next.path()).isNotEqualTo(running.path());
      assertThat(other).isDirectory();
    }
  }

  @Test
  void closingRemovesTheDirectory() {
    ScratchDir dir = ScratchDir.claim(parent, "modmirror-warmer");
    Path path = dir.path();
    dir.close();
    assertThat(path).doesNotExist();
  }
}
