package dev.modmirror.adapters.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers.
 *
 * @param headers extra response headers (Content-Type is set from {@code contentType})
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
  public Response {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
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

  /** The same answer with one more header. */
  public Response withHeader(String name, String value) {
    java.util.HashMap<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new Response(status, contentType, body, more);
  }
}
