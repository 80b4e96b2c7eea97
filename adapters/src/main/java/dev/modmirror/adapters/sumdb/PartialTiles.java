package dev.modmirror.adapters.sumdb;

import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.sumdb.Tile;
import dev.modmirror.core.sumdb.TlogHash;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A partial hash tile cut from a wider copy of the same tile in a go download cache. A download
 * cache holds the tiles that its go command needed, at the widths of the trees it saw; another go
 * command that trusts an older tree asks for narrower ones ({@code tile/8/2/003.p/244} where the
 * cache has {@code 003.p/245}). The first {@code W} hashes of a hash tile are the same at every
 * width (each is the root of a complete subtree, fixed once written), so they are the first {@code
 * W × 32} bytes of any wider copy; the go command's own client cuts partial tiles from full ones
 * the same way, and authenticates every tile against a signed tree head, whoever served it. Data
 * tiles ({@code tile/H/data/…}) are never cut: their records are not fixed-width.
 */
final class PartialTiles {
  private PartialTiles() {}

  /**
   * The first hashes of the smallest wider copy of the partial hash tile at {@code path}: a wider
   * partial tile, else the full tile. Empty if {@code path} is no partial hash tile, no wider copy
   * is there, or the copy is too short or not whole hashes.
   */
  static Optional<byte[]> prefixOfWider(Path base, String path) throws IOException {
    Tile tile;
    try {
      tile = Tile.parse(path.startsWith("/") ? path.substring(1) : path);
    } catch (SumDbException e) {
      return Optional.empty();
    }
    if (tile.l() < 0 || tile.isFull()) {
      return Optional.empty();
    }
    Path full = base.resolve(tile.full().path());
    Path source =
        smallestWiderPartial(full.resolveSibling(full.getFileName() + ".p"), tile.w()).orElse(full);
    if (!Files.isRegularFile(source)) {
      return Optional.empty();
    }
    long need = (long) tile.w() * TlogHash.SIZE;
    long size = Files.size(source);
    if (size < need || size % TlogHash.SIZE != 0 || size > (1L << tile.h()) * TlogHash.SIZE) {
      return Optional.empty();
    }
    try (var in = Files.newInputStream(source)) {
      return Optional.of(in.readNBytes((int) need));
    }
  }

  private static Optional<Path> smallestWiderPartial(Path dir, int width) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    long best = Long.MAX_VALUE;
    try (DirectoryStream<Path> widths = Files.newDirectoryStream(dir)) {
      for (Path p : widths) {
        String name = p.getFileName().toString();
        if (name.matches("[1-9][0-9]{0,9}")) {
          long w = Long.parseLong(name);
          if (w > width && w < best) {
            best = w;
          }
        }
      }
    }
    return best == Long.MAX_VALUE
        ? Optional.empty()
        : Optional.of(dir.resolve(Long.toString(best)));
  }
}
