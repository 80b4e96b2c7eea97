package dev.modmirror.adapters.webhook;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.webhook.RawContent;
import dev.modmirror.core.webhook.RawContentUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link RawContent} over the JDK's HTTP client. Redirects are never followed (a redirect could
 * lead off the configured host), URLs to any other host than {@link RawContentUrls#host()} are
 * refused before a request leaves, and a body is read up to 16 MiB (the go command's go.mod limit).
 */
public final class HttpRawContent implements RawContent {
  static final int MAX_BYTES = 16 << 20;

  private final String host;
  private final HttpClient client;
  private final Duration timeout;

  public HttpRawContent(RawContentUrls urls, Duration timeout) {
    this.host = urls.host();
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Optional<String> fetch(URI url) {
    if (!host.equals(url.getHost())) {
      throw new PermanentException(
          "raw content: " + url.getHost() + " is not " + host, null, null, null);
    }
    try {
      HttpResponse<InputStream> response =
          client.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status == 404) {
          return Optional.empty();
        }
        if (status != 200) {
          String message = "raw content " + url + " answered " + status;
          throw status == 429 || status >= 500
              ? new TransientException(message)
              : new PermanentException(message, null, null, null);
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new PermanentException("raw content " + url + " is over 16 MiB", null, null, null);
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new TransientException("raw content " + url + ": " + e, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("raw content " + url + ": interrupted", null, null, e);
    }
  }
}
