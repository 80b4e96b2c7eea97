package dev.modmirror.adapters.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSumDbTransportTest {
  @TempDir Path base;

  @Test
  void readsAFileOfTheTree() throws IOException {
    write("latest", "go.sum database tree\n3\n".getBytes());
    assertThat(new FileSumDbTransport(base.toUri()).get("/latest"))
        .isEqualTo("go.sum database tree\n3\n".getBytes());
  }

  @Test
  void cutsAMissingPartialHashTileFromTheSmallestWiderOne() throws IOException {
    // A go download cache of a newer tree: 003.p/245 and 003.p/250, not the 244 an older tree
    // needs.
    write("tile/8/2/003.p/245", hashes(245));
    write("tile/8/2/003.p/250", reversed(hashes(250)));

    byte[] tile = new FileSumDbTransport(base.toUri()).get("/tile/8/2/003.p/244");

    assertThat(tile).isEqualTo(Arrays.copyOf(hashes(245), 244 * 32));
  }

  @Test
  void cutsAMissingPartialHashTileFromTheFullOne() throws IOException {
    write("tile/8/0/x214/182", hashes(256));
    assertThat(new FileSumDbTransport(base.toUri()).get("/tile/8/0/x214/182.p/145"))
        .isEqualTo(Arrays.copyOf(hashes(256), 145 * 32));
  }

  @Test
  void neverCutsDataTilesNarrowerOnesOrCopiesThatAreNotWholeHashes() throws IOException {
    write("tile/8/data/000.p/5", hashes(5));
    write("tile/8/1/836.p/100", hashes(100));
    write("tile/8/1/837.p/200", Arrays.copyOf(hashes(200), 200 * 32 - 1));
    FileSumDbTransport transport = new FileSumDbTransport(base.toUri());

    assertThatThrownBy(() -> transport.get("/tile/8/data/000.p/4"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> transport.get("/tile/8/1/836.p/166"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> transport.get("/tile/8/1/837.p/150"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> transport.get("/tile/8/1/838.p/256"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void refusesPathsThatLeaveTheTree() {
    assertThatThrownBy(() -> new FileSumDbTransport(base.toUri()).get("/../../etc/passwd"))
        .isInstanceOf(PermanentException.class);
  }

  private void write(String relative, byte[] bytes) throws IOException {
    Path file = base.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  /** Distinct 32-byte hashes: byte i of the tile is i's low byte, so a prefix is recognisable. */
  private static byte[] hashes(int count) {
    byte[] b = new byte[count * 32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 7 + i / 32);
    }
    return b;
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
