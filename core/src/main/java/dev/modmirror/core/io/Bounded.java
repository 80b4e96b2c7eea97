package dev.modmirror.core.io;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and copies streams from outside with a hard size limit, never trusting a header. */
public final class Bounded {
  private static final int BUFFER = 1 << 16;

  private Bounded() {}

  /**
   * Reads a small artifact whole.
   *
   * @throws InvalidInputException if the stream holds more than {@code max} bytes
   * @throws TransientException if reading fails
   */
  public static byte[] read(InputStream in, long max, ModuleRef ref, String what) {
    try (in) {
      byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > max) {
        throw tooLarge(ref, what, max);
      }
      return bytes;
    } catch (IOException e) {
      throw new TransientException("reading " + what + " failed: " + e.getMessage(), ref, e);
    }
  }

  /**
   * Copies a stream to a file, closing the stream.
   *
   * @return the byte count
   * @throws InvalidInputException if the stream holds more than {@code max} bytes
   * @throws TransientException if reading or writing fails
   */
  public static long copy(InputStream in, Path target, long max, ModuleRef ref, String what) {
    try (in;
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[BUFFER];
      long total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
        if (total > max) {
          throw tooLarge(ref, what, max);
        }
        out.write(buf, 0, n);
      }
      return total;
    } catch (IOException e) {
      throw new TransientException("copying " + what + " failed: " + e.getMessage(), ref, e);
    }
  }

  private static InvalidInputException tooLarge(ModuleRef ref, String what, long max) {
    return new InvalidInputException(what + " exceeds the limit of " + max + " bytes", ref);
  }
}
