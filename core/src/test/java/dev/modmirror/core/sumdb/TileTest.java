package dev.modmirror.core.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TileTest {
  @Test
  void encodesAndParsesTilePathsAsXmod() {
    assertThat(new Tile(8, 0, 1234, 256).path()).isEqualTo("tile/8/0/x001/234");
    assertThat(new Tile(8, 1, 5, 17).path()).isEqualTo("tile/8/1/005.p/17");
    assertThat(new Tile(8, -1, 1234067, 3).path()).isEqualTo("tile/8/data/x001/x234/067.p/3");
    for (String good :
        List.of(
            "tile/4/0/001",
            "tile/4/0/001.p/5",
            "tile/3/5/x123/x456/078",
            "tile/3/5/x123/x456/078.p/2",
            "tile/1/0/x003/x057/500",
            "tile/1/data/x003/x057/500")) {
      assertThat(Tile.parse(good).path()).isEqualTo(good);
    }
    assertThat(Tile.parse("tile/1/data/x003/x057/500")).isEqualTo(new Tile(1, -1, 3057500, 2));
    for (String bad :
        List.of(
            "tile/3/5/123/456/078",
            "tile/3/-1/123/456/078",
            "tile/8/0/1",
            "tile/8/0/001.p/256",
            "tile/8/0/001.p/0",
            "tile/0/0/001",
            "tile/31/0/001",
            "tile/8/0/x000/001",
            "tiles/8/0/001",
            "tile/8/0")) {
      assertThatThrownBy(() -> Tile.parse(bad)).as(bad).isInstanceOf(SumDbException.class);
    }
  }

  @Test
  void countsNewTilesLikeXmod() {
    long[][] cases = {
      {1, 1, 0},
      {100, 101, 1},
      {1023, 1025, 3},
      {1024, 1030, 1},
      {1030, 2000, 1},
      {1030, 10000, 10},
      {49516517, 49516586, 3}
    };
    for (long[] c : cases) {
      assertThat(Tile.newTiles(10, c[0], c[1])).as("%d-%d", c[0], c[1]).hasSize((int) c[2]);
    }
  }

  /** Port of x/mod's TestTileHashReader: every hash readable, every tampered hash caught. */
  @Test
  void tileHashReaderReadsEveryHashAndDetectsEveryTamperedOne() {
    MemoryLog log = new MemoryLog(2);
    int tampered = 0;
    for (int n = 1; n <= 60; n++) {
      log.add("leaf " + (n - 1));
      Tree tree = log.tree();
      long count = Tlog.storedHashIndex(0, n);
      long[] all = new long[(int) count];
      for (int i = 0; i < count; i++) {
        all[i] = i;
        assertThat(new TileHashReader(tree, log).readHashes(new long[] {i}))
            .containsExactly(log.hashes().get(i));
      }
      assertThat(new TileHashReader(tree, log).readHashes(all))
          .isEqualTo(log.hashes().subList(0, (int) count));
      for (long i = 0; i < count; i++) {
        TileReader zeroed = zeroIndex(log, i);
        long index = i;
        assertThatThrownBy(() -> new TileHashReader(tree, zeroed).readHashes(new long[] {index}))
            .isInstanceOf(SumDbException.class);
        assertThatThrownBy(() -> new TileHashReader(tree, zeroed).readHashes(all))
            .isInstanceOf(SumDbException.class);
        tampered++;
      }
    }
    assertThat(tampered).isGreaterThan(3000);
  }

  private static TileReader zeroIndex(MemoryLog log, long index) {
    Tile t = Tile.forIndex(2, index);
    long[] split = Tlog.splitStoredHashIndex(index);
    int level = (int) split[0] % 2;
    long n = split[1] - ((t.n() << 2) >> level);
    int start = (int) (n << level) * 32;
    int end = (int) ((n + 1) << level) * 32;
    return new TileReader() {
      @Override
      public int height() {
        return 2;
      }

      @Override
      public List<byte[]> readTiles(List<Tile> tiles) {
        List<byte[]> data = new ArrayList<>(log.readTiles(tiles));
        for (int i = 0; i < tiles.size(); i++) {
          Tile tile = tiles.get(i);
          if (tile.l() == t.l() && tile.n() == t.n() && end <= data.get(i).length) {
            byte[] copy = data.get(i).clone();
            java.util.Arrays.fill(copy, start, end, (byte) 0);
            data.set(i, copy);
          }
        }
        return data;
      }

      @Override
      public void saveTiles(List<Tile> tiles, List<byte[]> data) {}
    };
  }
}
