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
    return reply;
  }

  /**
   * Flips every bit of one byte: at {@code offset}, the middle when it is -1, the last byte when it
   * is beyond the end. An empty body stays empty.
   */
  static byte[] flip(byte[] body, int offset) {
    byte[] copy = Arrays.copyOf(body, body.length);
    if (copy.length > 0) {
      int at = offset < 0 ? copy.length / 2 : Math.min(offset, copy.length - 1);
      copy[at] ^= (byte) 0xff;
    }
    return copy;
  }
}
