package dev.modmirror.core.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads of header bytes, the one place that turns an early end of file into a rule. */
final class ChannelReads {
  private ChannelReads() {}

  /**
   * Reads exactly {@code len} bytes at {@code position}.
   *
   * @throws ZipRuleException {@code truncated} if the file ends first
   */
  static byte[] readAt(FileChannel channel, long position, int len, Blame blame)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      if (channel.read(buf, position + buf.position()) == -1) {
        throw blame.fail(ZipRule.TRUNCATED, "file ends at " + (position + buf.position()));
      }
    }
    return buf.array();
  }
}
