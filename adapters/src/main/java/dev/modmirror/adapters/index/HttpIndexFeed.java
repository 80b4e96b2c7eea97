package dev.modmirror.adapters.index;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.index.IndexFeed;
import dev.modmirror.core.upstream.Redaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads pages of the index feed: {@code GET <base>/index?since=<RFC3339Nano>&limit=<n>}. A body is
 * read line by line up to {@value #MAX_BODY} bytes (2000 lines are about 300 KB). Errors: 429, 5xx,
 * timeouts, connection failures and truncated bodies are {@link TransientException}; other statuses
 * and oversize bodies {@link PermanentException}. Thread-safe.
 */
public final class HttpIndexFeed implements IndexFeed {
  static final int MAX_BODY = 16 << 20;

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * @throws InvalidInputException if {@code base} is not an http(s) URL
   */
  public HttpIndexFeed(URI base, Duration timeout) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
      throw new InvalidInputException("index URL is not http(s): " + Redaction.url(base));
    }
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public List<String> page(Instant since, int limit) {
    URI uri =
        URI.create(
            base
                + "/index?since="
                + URLEncoder.encode(FeedTime.format(since), StandardCharsets.UTF_8)
                + "&limit="
                + limit);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status != 200) {
          String message = describe() + " answered " + status;
          throw status == 429 || status >= 500
              ? new TransientException(message)
              : new PermanentException(message, null, null, null);
        }
        return lines(body);
      }
    } catch (IOException e) {
      throw new TransientException(describe() + ": " + e, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(describe() + ": interrupted", null, null, e);
    }
  }

  private List<String> lines(InputStream body) throws IOException {
    List<String> lines = new ArrayList<>();
    long read = 0;
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      read += line.length() + 1;
      if (read > MAX_BODY) {
        throw new PermanentException(
            describe() + ": page over " + MAX_BODY + " bytes", null, null, null);
      }
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public String describe() {
    return Redaction.url(base);
  }
}
