package dev.modmirror.testkit.goproxy;

import dev.modmirror.testkit.http.Reply;
import java.util.Arrays;

/** Breaks a normal 200 reply as a body fault says. */
final class FaultyResponder {
  private FaultyResponder() {}

  /** The reply as sent under {@code fault}; unchanged for faults that are not about the body. */
  static Reply apply(Fault fault, Reply reply) {
    if (fault instanceof Fault.Truncate) {
      return reply.truncated();
    }
    if (fault instanceof Fault.Corrupt corrupt) {
      return Reply.of(reply.status(), reply.contentType(), flip(reply.body(), corrupt.offset()));
    }
    if (fault instanceof Fault.Body wrong) {
      return Reply.of(reply.status(), reply.contentType(), wrong.content());
    }
    if (fault instanceof Fault.Redirect redirect) {
      return Reply.redirect(302, redirect.location());
    }
    if (fault instanceof Fault.Streamed streamed) {
      return Reply.streamed(reply.contentType(), streamed.body());
    }
    if (fault instanceof Fault.Endless) {
      return Reply.streamed(reply.contentType(), FaultyResponder::endless);
    }
    if (fault instanceof Fault.Trickle trickle) {
      byte[] body = reply.body();
      return Reply.streamed(reply.contentType(), out -> trickle(out, body, trickle.perByte()));
    }
    return reply;
  }

  private static void endless(java.io.OutputStream out) throws java.io.IOException {
    byte[] chunk = new byte[8192];
    while (true) {
      out.write(chunk); // ends with an IOException when the client goes away
    }
  }

  private static void trickle(java.io.OutputStream out, byte[] body, java.time.Duration perByte)
      throws java.io.IOException, InterruptedException {
    for (byte b : body) {
      out.write(b);
      out.flush();
      Thread.sleep(perByte.toMillis());
    }
  }

  /**
   * Flips every bit of one byte: at {@code offset}; when it is -1, at {@link #dataOffset}; beyond
   * the end, the last byte. An empty body stays empty.
   */
  static byte[] flip(byte[] body, int offset) {
    byte[] copy = Arrays.copyOf(body, body.length);
    if (copy.length > 0) {
      int at = offset < 0 ? dataOffset(copy) : Math.min(offset, copy.length - 1);
      copy[at] ^= (byte) 0xff;
    }
    return copy;
  }

  /**
   * The first byte of the first entry's data if {@code body} starts with a zip local file header
   * whose data is not empty, else the middle of the body.
   */
  static int dataOffset(byte[] body) {
    int middle = body.length / 2;
    if (body.length < 30 || u32(body, 0) != 0x04034b50L) {
      return middle;
    }
    long compressed = u32(body, 18);
    int data = 30 + u16(body, 26) + u16(body, 28);
    return compressed > 0 && data < body.length ? data : middle;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int at) {
    return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xffffffffL;
  }
}
