package dev.modmirror.core.io;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One module version's zip on scratch disk while it is verified, hashed and uploaded: memory stays
 * flat whatever the zip's size. Closing removes the file.
 */
public final class Spool implements AutoCloseable {
  private final Path file;
  private final ModuleRef ref;

  private Spool(Path file, ModuleRef ref) {
    this.file = file;
    this.ref = ref;
  }

  /**
   * Creates an empty spool file in {@code dir} (created if absent).
   *
   * @throws TransientException if the scratch disk cannot take it
   */
  public static Spool create(Path dir, String prefix, ModuleRef ref) {
    try {
      Files.createDirectories(dir);
      return new Spool(Files.createTempFile(dir, prefix, ".zip"), ref);
    } catch (IOException e) {
      throw new TransientException("cannot create spool file in " + dir, ref, e);
    }
  }

  public Path path() {
    return file;
  }

  /**
   * Copies {@code in} into the spool and closes it.
   *
   * @return the byte count
   * @throws InvalidInputException if {@code in} holds more than {@code max} bytes
   * @throws TransientException if reading or writing fails
   */
  public long fill(InputStream in, long max, String what) {
    return Bounded.copy(in, file, max, ref, what);
  }

  /**
   * Opens the spooled bytes; the caller closes the stream.
   *
   * @throws TransientException if the file cannot be read
   */
  public InputStream open() {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new TransientException("reading spooled zip failed", ref, e);
    }
  }

  /** Removes the file; never throws (a leftover in scratch space is harmless). */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The spool directory is scratch space; the OS or the next deploy cleans it.
    }
  }
}
