package dev.modmirror.core.sumdb;

import java.util.Arrays;

/** Parsing of tile paths, kept apart from {@link Tile} for size. */
final class TilePaths {
  private TilePaths() {}

  static Tile parse(String path) {
    String[] f = path.split("/", -1);
    if (f.length < 4 || !f[0].equals("tile")) {
      throw bad(path);
    }
    boolean data = f[2].equals("data");
    Integer h = smallInt(f[1]);
    Integer l = data ? Integer.valueOf(0) : smallInt(f[2]);
    if (h == null || l == null || h < 1 || h > 30) {
      throw bad(path);
    }
    int w = 1 << h;
    if (f[f.length - 2].endsWith(".p")) {
      Integer ww = smallInt(f[f.length - 1]);
      if (ww == null || ww <= 0 || ww >= w) {
        throw bad(path);
      }
      w = ww;
      f[f.length - 2] = f[f.length - 2].substring(0, f[f.length - 2].length() - 2);
      f = Arrays.copyOf(f, f.length - 1);
    }
    long n = 0;
    for (int i = 3; i < f.length; i++) {
      Integer nn = smallInt(f[i].startsWith("x") ? f[i].substring(1) : f[i]);
      if (nn == null || nn >= 1000 || n > Long.MAX_VALUE / 1000) {
        throw bad(path);
      }
      n = n * 1000 + nn;
    }
    Tile t = new Tile(h, data ? -1 : l, n, w);
    if (!path.equals(t.path())) {
      throw bad(path);
    }
    return t;
  }

  private static Integer smallInt(String s) {
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Integer.valueOf(s);
  }

  private static SumDbException bad(String path) {
    return Tile.malformed("malformed tile path: " + path);
  }
}
