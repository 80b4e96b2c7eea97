package dev.modmirror.adapters.http;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler answers: a small body in memory, or a {@link Streamed} body copied to the client
 * as it is read (a module zip), never held whole.
 *
 * @param headers extra response headers (Content-Type is set from {@code contentType})
 * @param streamed when present, the body; {@code body} is then empty
 */
public record Response(
    int status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    Optional<Streamed> streamed) {
  public Response {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(streamed, "streamed");
    headers = Map.copyOf(headers);
  }

  public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    this(status, contentType, body, headers, Optional.empty());
  }

  /**
   * A body read from a stream of known length. The layer sends {@code Content-Length}, copies the
   * stream to the client in small buffers and closes it, whether the client reads to the end or
   * goes away; for {@code HEAD} it closes it unread.
   */
  public record Streamed(InputStream content, long length) {
    public Streamed {
      Objects.requireNonNull(content, "content");
      if (length < 0) {
        throw new IllegalArgumentException("a streamed body needs its length");
      }
    }
  }

  /** A short plain-text answer; the text ends with a newline. */
  public static Response text(int status, String text) {
    return new Response(
        status,
        "text/plain; charset=utf-8",
        (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  /** A JSON answer. */
  public static Response json(int status, String json) {
    return new Response(
        status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A body streamed from {@code content}, exactly {@code length} bytes. */
  public static Response stream(int status, String contentType, InputStream content, long length) {
    return new Response(
        status, contentType, new byte[0], Map.of(), Optional.of(new Streamed(content, length)));
  }

  /** The same answer with one more header. */
  public Response withHeader(String name, String value) {
    java.util.HashMap<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, more, streamed);
  }

  /** The body's length in bytes. */
  public long length() {
    return streamed.map(Streamed::length).orElse((long) body.length);
  }
}
