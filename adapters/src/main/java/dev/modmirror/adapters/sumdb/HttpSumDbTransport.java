package dev.modmirror.adapters.sumdb;

import dev.modmirror.adapters.telemetry.TracedHttpClient;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.sumdb.SumDbRoute;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.core.sumdb.SumDbTransport;
import dev.modmirror.core.upstream.GoproxyList;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@link SumDbTransport} over {@link HttpClient}: GET {@code base + path}, redirects followed as
 * the go command follows them (never from https to http), bodies capped (a full tile is 8 KiB, a
 * lookup well under 1 KiB). 404/410 → NotFound; 429, 5xx, timeouts and I/O errors → Transient;
 * anything else or an oversize body → Permanent. Thread-safe.
 */
public final class HttpSumDbTransport implements SumDbTransport {
  /** Default cap on a response body. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpClient client;
  private final String base;
  private final Duration timeout;

  /**
   * @param base the database or {@code $proxy/sumdb/<name>} base URL (http or https)
   * @throws IllegalArgumentException for another scheme
   */
  public HttpSumDbTransport(URI base, HttpClient client, Duration timeout) {
    String scheme = String.valueOf(base.getScheme());
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("checksum database URL must be http(s): " + base);
    }
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * A transport routed as the go command routes: the explicit GOSUMDB URL, else the first GOPROXY
   * entry (http, https or file) that serves {@code /sumdb/<name>/supported}, honouring {@code |}
   * fall-back, else {@code https://<name>}.
   *
   * @throws TransientException or PermanentException if a proxy probe fails other than 404/410
   */
  public static SumDbTransport connect(
      SumDbSettings settings, GoproxyList proxies, Duration timeout) {
    return connect(settings, proxies, timeout, OpenTelemetry.noop());
  }

  /**
   * As {@link #connect(SumDbSettings, GoproxyList, Duration)}, with an HTTP client span per
   * request.
   */
  public static SumDbTransport connect(
      SumDbSettings settings, GoproxyList proxies, Duration timeout, OpenTelemetry telemetry) {
    HttpClient client = TracedHttpClient.wrap(newClient(timeout), telemetry);
    URI base =
        SumDbRoute.choose(
            settings,
            proxies,
            url ->
                (url.getScheme().equalsIgnoreCase("file")
                        ? new FileSumDbTransport(url)
                        : new HttpSumDbTransport(url, client, timeout))
                    .get(""));
    return base.getScheme().equalsIgnoreCase("file")
        ? new FileSumDbTransport(base)
        : new HttpSumDbTransport(base, client, timeout);
  }

  /** {@link #connect(SumDbSettings, GoproxyList, Duration)} for {@code ,}-separated entries. */
  public static SumDbTransport connect(
      SumDbSettings settings, List<String> proxies, Duration timeout) {
    List<String> kept = proxies.stream().filter(p -> !p.equals("noproxy")).toList();
    return connect(
        settings, GoproxyList.parse(kept.isEmpty() ? "off" : String.join(",", kept)), timeout);
  }

  /** A client that follows redirects except from https to http, as the go command's does. */
  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The base URL requests go to. */
  public URI base() {
    return URI.create(base);
  }

  @Override
  public byte[] get(String path) {
    URI url = URI.create(base + path);
    HttpResponse<InputStream> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TransientException(
          "checksum database unreachable: " + url + ": " + e, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted fetching " + url);
    }
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status == 200) {
        return read(body, url);
      }
      String message = "checksum database answered " + status + " for " + url;
      if (status == 404 || status == 410) {
        throw new NotFoundException(message);
      }
      if (status == 429 || status >= 500) {
        throw new TransientException(message);
      }
      throw new PermanentException(message);
    } catch (IOException e) {
      throw new TransientException("broken response from " + url + ": " + e, null, null, e);
    }
  }

  private static byte[] read(InputStream body, URI url) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = body.read(buf)) > 0; ) {
      if (out.size() + n > MAX_BODY_BYTES) {
        throw new PermanentException("checksum database response over 1 MiB: " + url);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
