package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.sumdb.HashReader;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.Tile;
import dev.modmirror.core.sumdb.TileHashReader;
import dev.modmirror.core.sumdb.TileReader;
import dev.modmirror.core.sumdb.Tlog;
import dev.modmirror.core.sumdb.TlogHash;
import dev.modmirror.core.sumdb.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Target {@code sumdb-tile}: tile paths, and tiles served for a signed tree. The tree is a real log
 * of {@value #RECORDS} records; the fuzzer chooses the tree size, the stored hash asked for and,
 * for each tile the reader asks for, whether it is served intact, with bytes changed, cut, grown or
 * replaced. Only {@link SumDbException} may come out; when every tile was served intact the hash
 * read must be the stored one, and when a tile was changed no hash may be returned that differs
 * from the stored one (a changed tile is either refused or did not matter).
 */
class SumDbTileFuzzTest {
  private static final int RECORDS = 700;
  private static final List<TlogHash> STORED = new ArrayList<>();
  private static final HashReader STORAGE =
      indexes -> Arrays.stream(indexes).mapToObj(i -> STORED.get((int) i)).toList();

  static {
    for (int n = 0; n < RECORDS; n++) {
      TlogHash record = Tlog.recordHash(("record " + n + "\n").getBytes(StandardCharsets.UTF_8));
      STORED.addAll(Tlog.storedHashesForRecordHash(n, record, STORAGE));
    }
  }

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void tiles(FuzzedDataProvider data) {
    try {
      Tile.parse(data.consumeString(64));
    } catch (SumDbException expected) {
      // the typed refusal
    }
    long n = data.consumeLong(1, RECORDS);
    Tree tree = new Tree(n, Tlog.treeHash(n, STORAGE));
    long index = data.consumeLong(0, Tlog.storedHashCount(n) - 1);
    boolean[] changed = {false};
    TileReader reader =
        new TileReader() {
          @Override
          public int height() {
            return 8;
          }

          @Override
          public List<byte[]> readTiles(List<Tile> tiles) {
            List<byte[]> out = new ArrayList<>();
            for (Tile tile : tiles) {
              byte[] real = tile.readData(STORAGE);
              byte[] served = serve(real, data);
              changed[0] |= !Arrays.equals(real, served);
              out.add(served);
            }
            return out;
          }

          @Override
          public void saveTiles(List<Tile> tiles, List<byte[]> data) {}
        };
    TlogHash read;
    try {
      read = new TileHashReader(tree, reader).readHashes(new long[] {index}).get(0);
    } catch (SumDbException refused) {
      if (!changed[0]) {
        throw new AssertionError("intact tiles refused: " + refused.getMessage(), refused);
      }
      return;
    }
    if (!read.equals(STORED.get((int) index))) {
      throw new AssertionError(
          "hash " + index + " of tree " + n + " read wrong (tiles changed: " + changed[0] + ")");
    }
  }

  private static byte[] serve(byte[] real, FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 7)) {
      case 1 -> {
        byte[] flipped = real.clone();
        if (flipped.length > 0) {
          flipped[data.consumeInt(0, flipped.length - 1)] ^= (byte) data.consumeInt(1, 255);
        }
        yield flipped;
      }
      case 2 -> Arrays.copyOf(real, data.consumeInt(0, real.length));
      case 3 -> Arrays.copyOf(real, real.length + data.consumeInt(1, 64));
      case 4 -> data.consumeBytes(real.length + 64);
      default -> real;
    };
  }
}
