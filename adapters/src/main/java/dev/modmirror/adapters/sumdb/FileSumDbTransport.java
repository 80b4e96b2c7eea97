package dev.modmirror.adapters.sumdb;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.sumdb.SumDbTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@link SumDbTransport} over a {@code file://} GOPROXY tree's {@code sumdb/<name>} directory, as
 * the go command reads one (a {@code $GOMODCACHE/cache/download} tree holds the lookups and tiles
 * it verified). A missing partial hash tile is cut from a wider copy of the same tile ({@link
 * PartialTiles}); any other missing file is not-found; paths cannot leave the base directory.
 */
public final class FileSumDbTransport implements SumDbTransport {
  private final Path base;

  /**
   * @param base a {@code file:} URI of the {@code sumdb/<name>} directory
   */
  public FileSumDbTransport(URI base) {
    this.base = Path.of(base).normalize();
  }

  @Override
  public byte[] get(String path) {
    Path file = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
    if (!file.startsWith(base)) {
      throw new PermanentException("checksum database path escapes its tree: " + path);
    }
    try {
      if (!Files.exists(file)) {
        return PartialTiles.prefixOfWider(base, path)
            .orElseThrow(() -> new NotFoundException("no checksum database file " + file));
      }
      if (Files.size(file) > HttpSumDbTransport.MAX_BODY_BYTES) {
        throw new PermanentException("checksum database file over 1 MiB: " + file);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no checksum database file " + file);
    } catch (IOException e) {
      throw new TransientException("cannot read " + file + ": " + e, null, null, e);
    }
  }
}
