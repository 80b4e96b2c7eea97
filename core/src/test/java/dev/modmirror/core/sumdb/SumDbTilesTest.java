package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
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

  @Test
  void aCompletedFullTileServedShortForAGonePartialIsABadTileSize() {
    MemoryLog log = new MemoryLog(8);
    for (int i = 0; i < 600; i++) {
      log.add("leaf " + i);
    }
    MemoryLog older = new MemoryLog(8);
    for (int i = 0; i < 300; i++) {
      older.add("leaf " + i);
    }
    SumDbTransport shortFullTiles =
        path -> {
          Tile t = Tile.parse(path.substring(1));
          if (!t.isFull() && t.n() == 1) {
            throw new NotFoundException("gone: " + path);
          }
          byte[] data = t.readData(log);
          // The full tile 001 of 256 hashes, cut to 43: one hash short of what the partial needs.
          return t.isFull() && t.n() == 1 ? Arrays.copyOf(data, 43 * TlogHash.SIZE) : data;
        };
    TileHashReader reader = new TileHashReader(older.tree(), new SumDbTiles(shortFullTiles));
    assertThatThrownBy(() -> reader.readHashes(new long[] {Tlog.storedHashIndex(0, 280)}))
        .isInstanceOfSatisfying(
            SumDbException.class,
            e -> assertThat(e.rule()).isEqualTo(SumDbException.Rule.MALFORMED_RESPONSE))
        .hasMessage("sumdb-malformed-response: bad tile size for tile/8/0/001.p/44");
  }

  @Test
  void aPartialTileIsCutFromItsAuthenticatedFullTileWithoutAFetch() {
    MemoryLog log = new MemoryLog(8);
    for (int i = 0; i < 600; i++) {
      log.add("leaf " + i);
    }
    MemoryLog older = new MemoryLog(8);
    for (int i = 0; i < 300; i++) {
      older.add("leaf " + i);
    }
    List<String> fetched = new ArrayList<>();
    SumDbTiles tiles =
        new SumDbTiles(
            path -> {
              fetched.add(path);
              return Tile.parse(path.substring(1)).readData(log);
            });
    long index = Tlog.storedHashIndex(0, 280);
    new TileHashReader(log.tree(), tiles).readHashes(new long[] {index});
    assertThat(fetched).contains("/tile/8/0/001");
    fetched.clear();
    assertThat(new TileHashReader(older.tree(), tiles).readHashes(new long[] {index}))
        .containsExactly(Tlog.recordHash("leaf 280"));
    assertThat(fetched).doesNotContain("/tile/8/0/001.p/44", "/tile/8/0/001");
  }
}
