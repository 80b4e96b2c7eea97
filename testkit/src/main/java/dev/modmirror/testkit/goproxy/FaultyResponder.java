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
    if (fault instanceof Fault.Corrupt) {
      return Reply.of(reply.status(), reply.contentType(), flipMiddleByte(reply.body()));
    }
    if (fault instanceof Fault.Body wrong) {
      return Reply.of(reply.status(), reply.contentType(), wrong.content());
    }
    return reply;
  }

  /** Flips every bit of the byte at the middle of the body (an empty body stays empty). */
  static byte[] flipMiddleByte(byte[] body) {
    byte[] copy = Arrays.copyOf(body, body.length);
    if (copy.length > 0) {
      copy[copy.length / 2] ^= (byte) 0xff;
    }
    return copy;
  }
}
