package dev.modmirror.core.sumdb;

import dev.modmirror.core.sumdb.SumDbException.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored hashes of a signed tree from its tiles, trusting no tile until it is authenticated:
 * the tiles for the tree's root are hashed to the signed root hash first, then every other tile is
 * checked against the hash its parent tile holds (x/mod tlog.TileHashReader).
 */
public final class TileHashReader implements HashReader {
  private final Tree tree;
  private final TileReader reader;

  public TileHashReader(Tree tree, TileReader reader) {
    this.tree = tree;
    this.reader = reader;
  }

  /**
   * @throws SumDbException inconsistent tile (tiles do not hash to the tree), malformed response
   *     (wrong tile sizes, indexes outside the tree)
   */
  @Override
  public List<TlogHash> readHashes(long[] indexes) {
    int h = reader.height();
    Map<Tile, Integer> order = new HashMap<>();
    List<Tile> tiles = new ArrayList<>();
    List<Long> stx = Tlog.subTreeIndex(0, tree.n(), new ArrayList<>());
    int[] stxOrder = new int[stx.size()];
    for (int i = 0; i < stx.size(); i++) {
      Tile tile = Tile.forIndex(h, stx.get(i)).parent(0, tree.n());
      stxOrder[i] = order.computeIfAbsent(tile, t -> add(tiles, t));
    }
    int rootTiles = tiles.size();
    int[] indexOrder = new int[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      indexOrder[i] = planIndex(indexes[i], h, order, tiles);
    }
    List<byte[]> data = reader.readTiles(tiles);
    for (int i = 0; i < tiles.size(); i++) {
      if (data.get(i).length != tiles.get(i).w() * TlogHash.SIZE) {
        throw Tile.malformed("bad tile size for " + tiles.get(i).path());
      }
    }
    authenticate(stx, stxOrder, rootTiles, tiles, data, order);
    reader.saveTiles(tiles, data);
    List<TlogHash> hashes = new ArrayList<>(indexes.length);
    for (int i = 0; i < indexes.length; i++) {
      hashes.add(tiles.get(indexOrder[i]).hashAt(data.get(indexOrder[i]), indexes[i]));
    }
    return hashes;
  }

  private static int add(List<Tile> tiles, Tile t) {
    tiles.add(t);
    return tiles.size() - 1;
  }

  /** Plans the tile holding index x and any parents not yet planned; returns x's tile slot. */
  private int planIndex(long x, int h, Map<Tile, Integer> order, List<Tile> tiles) {
    if (x >= Tlog.storedHashIndex(0, tree.n())) {
      throw Tile.malformed("index " + x + " not in tree of size " + tree.n());
    }
    Tile tile = Tile.forIndex(h, x);
    int k = 0;
    while (true) {
      Tile p = tile.parent(k, tree.n());
      if (p == null) {
        throw new IllegalStateException("bad math in TileHashReader: no parent for " + tile);
      }
      Integer j = order.get(p);
      if (j != null) {
        if (k == 0) {
          return j;
        }
        break;
      }
      k++;
    }
    int slot = -1;
    for (k--; k >= 0; k--) {
      Tile p = tile.parent(k, tree.n());
      if (!p.isFull()) {
        throw new IllegalStateException("bad math in TileHashReader: partial parent " + p);
      }
      slot = add(tiles, p);
      order.put(p, slot);
    }
    return slot;
  }

  private void authenticate(
      List<Long> stx,
      int[] stxOrder,
      int rootTiles,
      List<Tile> tiles,
      List<byte[]> data,
      Map<Tile, Integer> order) {
    int last = stx.size() - 1;
    TlogHash th = TlogHash.ZERO;
    if (last >= 0) {
      th = tiles.get(stxOrder[last]).hashAt(data.get(stxOrder[last]), stx.get(last));
      for (int i = last - 1; i >= 0; i--) {
        th = Tlog.nodeHash(tiles.get(stxOrder[i]).hashAt(data.get(stxOrder[i]), stx.get(i)), th);
      }
    }
    if (!th.equals(tree.hash())) {
      throw new SumDbException(
          Rule.INCONSISTENT_TILE, "downloaded inconsistent tile for tree of size " + tree.n());
    }
    // Every tile after the root tiles was planned after its parent: check each against it.
    for (int i = rootTiles; i < tiles.size(); i++) {
      Tile tile = tiles.get(i);
      Tile p = tile.parent(1, tree.n());
      Integer j = p == null ? null : order.get(p);
      if (j == null) {
        throw new IllegalStateException("bad math in TileHashReader: lost parent of " + tile);
      }
      TlogHash expected = p.hashAt(data.get(j), Tlog.storedHashIndex(p.l() * p.h(), tile.n()));
      if (!expected.equals(Tile.subtreeHash(data.get(i), 0, data.get(i).length))) {
        throw new SumDbException(
            Rule.INCONSISTENT_TILE, "downloaded inconsistent tile " + tile.path());
      }
    }
  }
}
