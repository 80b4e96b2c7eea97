package dev.modmirror.core.sumdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A log held in memory for tests: stored hashes plus a tile reader over them. */
final class MemoryLog implements HashReader, TileReader {
  private final int height;
  private final List<TlogHash> hashes = new ArrayList<>();
  private long n;

  MemoryLog(int height) {
    this.height = height;
  }

  void add(String data) {
    hashes.addAll(
        Tlog.storedHashesForRecordHash(
            n, Tlog.recordHash(data.getBytes(StandardCharsets.UTF_8)), this));
    n++;
  }

  long size() {
    return n;
  }

  List<TlogHash> hashes() {
    return hashes;
  }

  Tree tree() {
    return new Tree(n, Tlog.treeHash(n, this));
  }

  @Override
  public List<TlogHash> readHashes(long[] indexes) {
    return Arrays.stream(indexes).mapToObj(i -> hashes.get((int) i)).toList();
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public List<byte[]> readTiles(List<Tile> tiles) {
    return tiles.stream().map(t -> t.readData(this)).toList();
  }

  @Override
  public void saveTiles(List<Tile> tiles, List<byte[]> data) {}
}
