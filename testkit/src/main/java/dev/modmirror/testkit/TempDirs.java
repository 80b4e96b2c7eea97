package dev.modmirror.testkit;

import dev.modmirror.core.io.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary directories for fixtures, and their removal at JVM exit. */
public final class TempDirs {
  private TempDirs() {}

  /**
   * Creates a fresh directory under {@code java.io.tmpdir}.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir " + prefix, e);
    }
  }

  /**
   * Deletes a tree, making read-only entries (a Go module cache) writable first. Missing is fine.
   *
   * @throws UncheckedIOException if something cannot be deleted
   */
  public static void deleteTree(Path root) {
    Trees.delete(root);
  }
}
