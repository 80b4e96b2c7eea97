package dev.modmirror.testkit.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A response of a fake server.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body; its length is always the declared Content-Length
 * @param bytesToSend how many body bytes are actually sent before the connection is closed; less
 *     than {@code body.length} makes a truncated response
 * @param headers further response headers (a redirect's Location)
 * @param stream when not null, the body is what it writes (no Content-Length: the body ends when
 *     the connection closes), and {@code body} is ignored: endless or trickling bodies
 */
public record Reply(
    int status,
    String contentType,
    byte[] body,
    int bytesToSend,
    Map<String, String> headers,
    Streamer stream) {

  /** Writes a streamed body; may block, may never return until the client goes away. */
  @FunctionalInterface
  public interface Streamer {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  public Reply {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    if (bytesToSend < 0 || bytesToSend > body.length) {
      throw new IllegalArgumentException("bytesToSend out of range: " + bytesToSend);
    }
  }

  public Reply(int status, String contentType, byte[] body, int bytesToSend) {
    this(status, contentType, body, bytesToSend, Map.of(), null);
  }

  /** A complete response. */
  public static Reply of(int status, String contentType, byte[] body) {
    return new Reply(status, contentType, body, body.length);
  }

  /** A complete short plain-text response. */
  public static Reply text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** A redirect with this status to {@code location}, with no body. */
  public static Reply redirect(int status, String location) {
    return new Reply(status, "text/plain", new byte[0], 0, Map.of("Location", location), null);
  }

  /** A 200 response whose body {@code stream} writes until it returns or the client leaves. */
  public static Reply streamed(String contentType, Streamer stream) {
    return new Reply(200, contentType, new byte[0], 0, Map.of(), Objects.requireNonNull(stream));
  }

  /** The same response with only the first half of the body sent (at least one byte missing). */
  public Reply truncated() {
    byte[] declared = body.length == 0 ? new byte[2] : body;
    return new Reply(
        status, contentType, declared, Math.min(declared.length / 2, declared.length - 1));
  }
}
