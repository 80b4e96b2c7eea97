package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that enforces a size cap and the declared length, and translates failures into
 * modmirror's kinds: more than {@code cap} bytes is a {@link PermanentException}; end of stream
 * before the declared length, an I/O failure or a stalled read is a {@link TransientException}
 * ("truncated" / "read failed"). Both are thrown from {@code read}.
 */
final class BoundedBody extends FilterInputStream {
  private final long cap;
  private final long declaredLength;
  private final String what;
  private final String module;
  private final String version;
  private final ReadWatchdog.Guard guard;
  private long count;

  /**
   * @param declaredLength the Content-Length, or -1 if none was declared
   * @param what the redacted URL or file, for messages
   * @param guard the stall guard, or null for sources that cannot stall (files)
   */
  BoundedBody(
      InputStream in,
      long cap,
      long declaredLength,
      String what,
      String module,
      String version,
      ReadWatchdog.Guard guard) {
    super(in);
    this.cap = cap;
    this.declaredLength = declaredLength;
    this.what = what;
    this.module = module;
    this.version = version;
    this.guard = guard;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    // Ask for one byte beyond the cap so that an oversized body is detected, not cut silently.
    long room = cap - count;
    int want = room == Long.MAX_VALUE ? len : (int) Math.min(len, room + 1);
    int n = guardedRead(b, off, want);
    if (n < 0) {
      if (declaredLength >= 0 && count < declaredLength) {
        throw new TransientException(
            "truncated response from "
                + what
                + ": got "
                + count
                + " of "
                + declaredLength
                + " declared bytes",
            module,
            version);
      }
      if (guard != null) {
        // Nothing left to stall on; do not wait for the caller's close to stop watching.
        guard.release();
      }
      return -1;
    }
    count += n;
    if (count > cap) {
      throw new PermanentException(
          "response from " + what + " exceeds the size cap of " + cap + " bytes", module, version);
    }
    return n;
  }

  private int guardedRead(byte[] b, int off, int len) {
    if (guard != null) {
      guard.enter();
    }
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      String stalled = "";
      if (guard != null && guard.fired()) {
        stalled =
            guard.pastDeadline()
                ? " (the download took longer than its deadline)"
                : " (stalled beyond the timeout)";
      }
      String truncated =
          declaredLength > count
              ? "truncated response (got " + count + " of " + declaredLength + " declared bytes) "
              : "";
      throw new TransientException(
          truncated + "read failed from " + what + stalled + ": " + e, module, version, e);
    } finally {
      if (guard != null) {
        guard.exit();
      }
    }
  }

  @Override
  public long skip(long n) throws IOException {
    // Through read, so that skipped bytes count against the cap too.
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (guard != null) {
        guard.release();
      }
    }
  }
}
