package dev.modmirror.adapters.upstream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A body from one upstream that reports, exactly once, how its download ended: at the end of the
 * stream or on close (success), or at the first failure while reading (a truncated or stalled body,
 * which also counts against the upstream's health).
 */
final class MeteredBody extends FilterInputStream {
  /** Told how the body ended. */
  interface Ending {
    void succeeded();

    void failed(Exception e);
  }

  private final Ending ending;
  private final AtomicBoolean reported = new AtomicBoolean();

  MeteredBody(InputStream in, Ending ending) {
    super(in);
    this.ending = ending;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = super.read();
      if (b < 0) {
        succeed();
      }
      return b;
    } catch (RuntimeException | IOException e) {
      fail(e);
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      if (n < 0) {
        succeed();
      }
      return n;
    } catch (RuntimeException | IOException e) {
      fail(e);
      throw e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (RuntimeException | IOException e) {
      fail(e);
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      succeed();
    }
  }

  private void succeed() {
    if (reported.compareAndSet(false, true)) {
      ending.succeeded();
    }
  }

  private void fail(Exception e) {
    if (reported.compareAndSet(false, true)) {
      ending.failed(e);
    }
  }
}
