package dev.modmirror.core.sumdb;

import java.util.ArrayList;
import java.util.List;

/**
 * A tile of the log (golang.org/x/mod/sumdb/tlog Tile): the {@code w} hashes at level {@code l*h}
 * starting at record {@code n<<h} (level -1: the record data itself). Its URL path is {@code
 * tile/H/L/NNN[.p/W]}, with N written three digits per element ({@code x001/234}).
 *
 * @param h tile height, 1..30 (the go command uses 8)
 * @param l level in the tiling, -1 for data tiles
 * @param n number within the level
 * @param w width, 1..2^h; 2^h is a full tile
 */
public record Tile(int h, int l, long n, int w) {
  private static final int PATH_BASE = 1000;

  /** The tile of height h and least width that stores the hash at storage index {@code index}. */
  public static Tile forIndex(int h, long index) {
    long[] split = Tlog.splitStoredHashIndex(index);
    int level = (int) split[0];
    long n = split[1];
    int tl = level / h;
    level -= tl * h;
    long tn = (n << level) >> h;
    n -= (tn << h) >> level;
    return new Tile(h, tl, tn, (int) ((n + 1) << level));
  }

  /** Byte range {@code {start, end}} in this tile's data holding {@code index}'s subtree. */
  private static int[] range(int h, long index) {
    long[] split = Tlog.splitStoredHashIndex(index);
    int level = (int) split[0] % h;
    long n = split[1];
    long tn = (n << level) >> h;
    n -= (tn << h) >> level;
    return new int[] {(int) (n << level) * TlogHash.SIZE, (int) ((n + 1) << level) * TlogHash.SIZE};
  }

  /**
   * The hash at {@code index} read from this tile's data.
   *
   * @throws SumDbException (malformed response) if the data is short or the tile does not hold it
   */
  public TlogHash hashAt(byte[] data, long index) {
    if (h < 1 || h > 30 || l < 0 || l >= 64 || w < 1 || w > (1 << h)) {
      throw malformed("invalid tile " + path());
    }
    if (data.length < w * TlogHash.SIZE) {
      throw malformed("data len " + data.length + " too short for tile " + path());
    }
    Tile t1 = forIndex(h, index);
    if (l != t1.l || n != t1.n || w < t1.w) {
      throw malformed("index " + index + " is in " + t1.path() + " not " + path());
    }
    int[] r = range(h, index);
    return subtreeHash(data, r[0], r[1]);
  }

  /** The root hash of the 2^k hashes in {@code data[from, to)}. */
  static TlogHash subtreeHash(byte[] data, int from, int to) {
    if (to - from == TlogHash.SIZE) {
      return TlogHash.of(data, from, to);
    }
    int mid = from + (to - from) / 2;
    return Tlog.nodeHash(subtreeHash(data, from, mid), subtreeHash(data, mid, to));
  }

  /** This tile's k-th parent in a tree of size {@code treeSize}, or null if there is none. */
  Tile parent(int k, long treeSize) {
    int pl = l + k;
    long pn = n >> (k * h);
    int pw = 1 << h;
    long max = treeSize >> (pl * h);
    if ((pn << h) + pw >= max) {
      if ((pn << h) >= max) {
        return null;
      }
      pw = (int) (max - (pn << h));
    }
    return new Tile(h, pl, pn, pw);
  }

  /** The tiles that appear or grow when a tree grows from {@code oldSize} to {@code newSize}. */
  public static List<Tile> newTiles(int h, long oldSize, long newSize) {
    List<Tile> tiles = new ArrayList<>();
    for (int level = 0; (newSize >> (h * level)) > 0; level++) {
      long oldN = oldSize >> (h * level);
      long newN = newSize >> (h * level);
      if (oldN == newN) {
        continue;
      }
      for (long n = oldN >> h; n < newN >> h; n++) {
        tiles.add(new Tile(h, level, n, 1 << h));
      }
      long n = newN >> h;
      int w = (int) (newN - (n << h));
      if (w > 0) {
        tiles.add(new Tile(h, level, n, w));
      }
    }
    return tiles;
  }

  /** The tile's data: its w hashes at level l*h, read from stored hashes. */
  public byte[] readData(HashReader r) {
    long start = n << h;
    long[] indexes = new long[w];
    for (int i = 0; i < w; i++) {
      indexes[i] = Tlog.storedHashIndex(h * l, start + i);
    }
    List<TlogHash> hashes = r.readHashes(indexes);
    byte[] data = new byte[w * TlogHash.SIZE];
    for (int i = 0; i < w; i++) {
      hashes.get(i).writeTo(data, i * TlogHash.SIZE);
    }
    return data;
  }

  /** True if this tile holds all 2^h hashes. */
  public boolean isFull() {
    return w == 1 << h;
  }

  /** The same tile at full width. */
  public Tile full() {
    return new Tile(h, l, n, 1 << h);
  }

  /** The path {@code tile/H/L/NNN[.p/W]}, without a leading slash. */
  public String path() {
    long rest = n;
    StringBuilder nStr = new StringBuilder(String.format("%03d", rest % PATH_BASE));
    while (rest >= PATH_BASE) {
      rest /= PATH_BASE;
      nStr.insert(0, String.format("x%03d/", rest % PATH_BASE));
    }
    String p = isFull() ? "" : ".p/" + w;
    return "tile/" + h + "/" + (l == -1 ? "data" : Integer.toString(l)) + "/" + nStr + p;
  }

  /**
   * Parses a tile path; only the canonical spelling is accepted.
   *
   * @throws SumDbException (malformed response) for anything else
   */
  public static Tile parse(String path) {
    return TilePaths.parse(path);
  }

  static SumDbException malformed(String message) {
    return new SumDbException(SumDbException.Rule.MALFORMED_RESPONSE, message);
  }
}
