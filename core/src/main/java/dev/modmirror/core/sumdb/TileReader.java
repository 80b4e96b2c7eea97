package dev.modmirror.core.sumdb;

import java.util.List;

/** Where a {@link TileHashReader} gets tiles from: a checksum database, usually via a cache. */
public interface TileReader {
  /** The tile height, 8 for the go command's databases. */
  int height();

  /**
   * Returns the data of each tile, in order; each must be exactly {@code w * 32} bytes.
   *
   * @throws dev.modmirror.core.error.ModmirrorException not-found or transient errors of the source
   */
  List<byte[]> readTiles(List<Tile> tiles);

  /** Told which tiles were authenticated against a signed tree, so they can be cached. */
  void saveTiles(List<Tile> tiles, List<byte[]> data);
}
