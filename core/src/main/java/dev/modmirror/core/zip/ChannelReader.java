package dev.modmirror.core.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Sequential, buffered reads of one bounded region of a file through positional reads. */
final class ChannelReader {
  private static final int BUFFER = 64 * 1024;

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).limit(0);
  private long position;
  private long remaining;

  ChannelReader(FileChannel channel, long position, long length) {
    this.channel = channel;
    this.position = position;
    this.remaining = length;
  }

  /** Bytes of the region not yet returned. */
  long remaining() {
    return remaining + buffer.remaining();
  }

  /**
   * @throws ZipRuleException {@code not-a-zip} when the region ends first
   */
  byte[] bytes(int len, Blame blame) throws IOException {
    byte[] out = new byte[len];
    int done = 0;
    while (done < len) {
      if (!buffer.hasRemaining() && !fill()) {
        throw blame.fail("not-a-zip", "central directory entry runs past the directory's end");
      }
      int n = Math.min(len - done, buffer.remaining());
      buffer.get(out, done, n);
      done += n;
    }
    return out;
  }

  private boolean fill() throws IOException {
    if (remaining == 0) {
      return false;
    }
    buffer.clear().limit((int) Math.min(BUFFER, remaining));
    int n = channel.read(buffer, position);
    if (n <= 0) {
      throw new java.io.EOFException("zip ended at " + position);
    }
    position += n;
    remaining -= n;
    buffer.flip();
    return true;
  }
}
