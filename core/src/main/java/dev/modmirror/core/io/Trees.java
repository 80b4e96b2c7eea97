package dev.modmirror.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes scratch directory trees (dev-mode data, spools, test work dirs). */
public final class Trees {
  private Trees() {}

  /**
   * Deletes {@code root} and everything below it, making read-only entries (a Go module cache)
   * writable first. A missing root is fine.
   *
   * @throws UncheckedIOException if something cannot be deleted
   */
  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        if (p.getParent() != null) {
          p.getParent().toFile().setWritable(true);
        }
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** Like {@link #delete} but never throws: for clean-up that must not hide the real outcome. */
  public static void deleteQuietly(Path root) {
    try {
      delete(root);
    } catch (UncheckedIOException ignored) {
      // A leftover scratch directory is the operating system's to clean.
    }
  }
}
