package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SumDbTilesTest {
  @Test
  void readsAGonePartialTileAsThePrefixOfItsCompletedFullTile() {
    MemoryLog log = new MemoryLog(8);
    for (int i = 0; i < 300; i++) {
      log.add("leaf " + i);
    }
    Tree old = log.tree();
    for (int i = 300; i < 600; i++) {
      log.add("leaf " + i);
    }
    List<String> fetched = new ArrayList<>();
    SumDbTransport completedPartialsGone =
        path -> {
          fetched.add(path);
          Tile t = Tile.parse(path.substring(1));
          boolean completed = ((t.n() + 1) << 8) <= (log.size() >> (8 * t.l()));
          if (!t.isFull() && completed) {
            throw new NotFoundException("gone: " + path);
          }
          return t.readData(log);
        };
    TileHashReader reader = new TileHashReader(old, new SumDbTiles(completedPartialsGone));
    long index = Tlog.storedHashIndex(0, 280);
    assertThat(reader.readHashes(new long[] {index})).containsExactly(Tlog.recordHash("leaf 280"));
    assertThat(fetched).contains("/tile/8/0/001.p/44", "/tile/8/0/001");
  }

  @Test
  void servesLaterReadsOfAuthenticatedTilesFromMemory() {
    MemoryLog log = new MemoryLog(8);
    for (int i = 0; i < 20; i++) {
      log.add("leaf " + i);
    }
    List<String> fetched = new ArrayList<>();
    SumDbTiles tiles =
        new SumDbTiles(
            path -> {
              fetched.add(path);
              return Tile.parse(path.substring(1)).readData(log);
            });
    for (int i = 0; i < 20; i++) {
      new TileHashReader(log.tree(), tiles).readHashes(new long[] {Tlog.storedHashIndex(0, i)});
    }
    assertThat(fetched).containsExactly("/tile/8/0/000.p/20");
  }
}
