package dev.modmirror.adapters.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload's content that can be made to fail from outside: the MinIO SDK reads it on its own
 * threads, so when the caller gives up, failing the next read is how the SDK learns to abort the
 * upload (it aborts a multipart upload whose part reading fails). Does not close the source.
 */
final class AbandonableStream extends FilterInputStream {
  private volatile boolean abandoned;

  AbandonableStream(InputStream in) {
    super(in);
  }

  void abandon() {
    abandoned = true;
  }

  @Override
  public int read() throws IOException {
    check();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check();
    return super.read(b, off, len);
  }

  @Override
  public long skip(long n) throws IOException {
    check();
    return super.skip(n);
  }

  private void check() throws IOException {
    if (abandoned) {
      throw new IOException("upload abandoned by its caller");
    }
  }
}
