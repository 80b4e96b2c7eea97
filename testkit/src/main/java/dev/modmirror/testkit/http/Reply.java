package dev.modmirror.testkit.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A response of a fake server.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body; its length is always the declared Content-Length
 * @param bytesToSend how many body bytes are actually sent before the connection is closed; less
 *     than {@code body.length} makes a truncated response
 */
public record Reply(int status, String contentType, byte[] body, int bytesToSend) {
  public Reply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    if (bytesToSend < 0 || bytesToSend > body.length) {
      throw new IllegalArgumentException("bytesToSend out of range: " + bytesToSend);
    }
  }

  /** A complete response. */
  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, body.length);
  }

  /** A complete short plain-text response. */
  public static Reply text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The same response with only the first half of the body sent (at least one byte missing). */
  public Reply truncated() {
    byte[] declared = body.length == 0 ? new byte[2] : body;
    return new Reply(
        status, contentType, declared, Math.min(declared.length / 2, declared.length - 1));
  }
}
