package dev.modmirror.adapters.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a handler sees it.
 *
 * @param method upper case, e.g. {@code POST}
 * @param path the decoded path, e.g. {@code /hooks/github}
 * @param rawPath the path as sent (percent-encoding kept)
 * @param query the raw query without {@code ?}, or {@code ""}
 * @param headers header names compared case-insensitively
 * @param body the whole body, at most the route's cap
 * @param remote the client's address, for rate limits and logs
 */
public record Request(
    String method,
    String path,
    String rawPath,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    String remote) {
  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
    query = query == null ? "" : query;
    rawPath = rawPath == null ? path : rawPath;
    remote = remote == null ? "" : remote;
  }

  /** The first value of a header, case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
