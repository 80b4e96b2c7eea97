package dev.modmirror.testkit.contract;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams for store tests: deterministic content generated on the fly, and a failing stream. */
final class TestStreams {
  private TestStreams() {}

  /** {@code length} deterministic pseudo-random bytes, never held in memory at once. */
  static InputStream generated(long length, long seed) {
    return new InputStream() {
      private long position;
      private long state = seed;

      @Override
      public int read() {
        if (position >= length) {
          return -1;
        }
        position++;
        state = state * 6364136223846793005L + 1442695040888963407L;
        return (int) (state >>> 56) & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position >= length) {
          return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) read();
        }
        return n;
      }
    };
  }

  /** A stream that yields {@code goodBytes} bytes and then throws, as a dropped upstream does. */
  static InputStream failingAfter(long goodBytes) {
    InputStream good = generated(goodBytes, 7);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        int b = good.read();
        if (b < 0) {
          throw new IOException("upstream connection reset (test)");
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = good.read(b, off, len);
        if (n < 0) {
          throw new IOException("upstream connection reset (test)");
        }
        return n;
      }
    };
  }

  static String sha256(InputStream in) throws IOException {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
