package dev.modmirror.core.sumdb;

import dev.modmirror.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiles of one database, fetched through a transport and kept once authenticated. Like the go
 * command, a partial tile that is gone is read as the prefix of its completed full tile.
 */
final class SumDbTiles implements TileReader {
  static final int HEIGHT = 8;
  private static final int MAX_CACHED = 4096;

  private final SumDbTransport transport;
  private final Map<Tile, byte[]> authenticated =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Tile, byte[]> eldest) {
          return size() > MAX_CACHED;
        }
      };

  SumDbTiles(SumDbTransport transport) {
    this.transport = transport;
  }

  @Override
  public int height() {
    return HEIGHT;
  }

  @Override
  public List<byte[]> readTiles(List<Tile> tiles) {
    List<byte[]> out = new ArrayList<>(tiles.size());
    for (Tile tile : tiles) {
      out.add(read(tile));
    }
    return out;
  }

  private byte[] read(Tile tile) {
    byte[] cached = cached(tile);
    if (cached != null) {
      return cached;
    }
    try {
      return transport.get("/" + tile.path());
    } catch (NotFoundException e) {
      if (tile.isFull()) {
        throw e;
      }
      byte[] full = transport.get("/" + tile.full().path());
      return full.length < tile.w() * TlogHash.SIZE
          ? full
          : Arrays.copyOf(full, tile.w() * TlogHash.SIZE);
    }
  }

  private synchronized byte[] cached(Tile tile) {
    byte[] exact = authenticated.get(tile);
    if (exact != null) {
      return exact;
    }
    byte[] full = authenticated.get(tile.full());
    return full == null ? null : Arrays.copyOf(full, tile.w() * TlogHash.SIZE);
  }

  @Override
  public synchronized void saveTiles(List<Tile> tiles, List<byte[]> data) {
    for (int i = 0; i < tiles.size(); i++) {
      authenticated.put(tiles.get(i), data.get(i));
    }
  }
}
