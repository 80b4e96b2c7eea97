package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.upstream.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/** One GET with hand-followed redirects and classified answers; see {@link HttpGoproxy}. */
final class HttpFetcher {
  private static final int MAX_REDIRECTS = 3;

  private final HttpClient client;
  private final UpstreamConfig config;
  private final HostLimits limits;
  private final String scheme;
  private final String hostPort;
  private final String basePath;
  private final UpstreamAuth auth;

  /**
   * @param limits the per-host connection and rate limits this fetcher shares with the other http
   *     entries of its GOPROXY list or pool
   * @param auth the upstream's credentials; userinfo in {@code base} wins over them, as in Go
   */
  HttpFetcher(
      HttpClient client, UpstreamConfig config, HostLimits limits, URI base, UpstreamAuth auth) {
    this.client = client;
    this.config = config;
    this.limits = limits;
    this.scheme = base.getScheme().toLowerCase(Locale.ROOT);
    this.hostPort = hostPort(base);
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.auth = base.getUserInfo() != null ? UpstreamAuth.userInfo(base.getUserInfo()) : auth;
  }

  /**
   * GETs {@code relative} (an unescaped GOPROXY path) below the base and returns its body.
   *
   * @throws NotFoundException on 404/410
   * @throws TransientException on 429, 5xx, timeouts and I/O failures
   * @throws PermanentException on other answers and refused redirects
   */
  InputStream get(String relative, long cap, String module, String version) {
    URI target =
        URI.create(scheme + "://" + hostPort + basePath + "/" + GoproxyPaths.urlEscaped(relative));
    // One of the host's connections, held until the body is read to its end or closed.
    HostLimits.Slot slot = limits.acquire(hostPort, module, version);
    try {
      for (int hop = 0; ; hop++) {
        HttpResponse<InputStream> response = send(target, module, version);
        int status = response.statusCode();
        if (!isRedirect(status)) {
          try {
            return new SlotBody(Answers.body(response, cap, config, module, version), slot);
          } catch (ModmirrorException e) {
            // An error body may echo what we sent (some servers print the request's headers).
            throw Scrub.secrets(e, auth.headers(target));
          }
        }
        Answers.discard(response);
        target = redirectTarget(target, response, hop, module, version);
      }
    } catch (RuntimeException e) {
      slot.release();
      throw e;
    }
  }

  /** A body that gives its host connection back at its end or on close. */
  private static final class SlotBody extends java.io.FilterInputStream {
    private final HostLimits.Slot slot;

    SlotBody(InputStream body, HostLimits.Slot slot) {
      super(body);
      this.slot = slot;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        slot.release();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n < 0) {
        slot.release();
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        slot.release();
      }
    }
  }

  private HttpResponse<InputStream> send(URI target, String module, String version) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(config.requestTimeout())
            .header("User-Agent", config.userAgent())
            .GET();
    // Credentials go to the configured host only, never to where a redirect points elsewhere.
    if (hostPort(target).equals(hostPort)) {
      auth.headers(target).forEach(h -> request.header(h.name(), h.value()));
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new TransientException(
          "timed out: GET " + target + ": " + e.getMessage(), module, version, e);
    } catch (IOException | UncheckedIOException e) {
      throw new TransientException("GET " + target + " failed: " + e, module, version, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted: GET " + target, module, version, e);
    }
  }

  private URI redirectTarget(
      URI from, HttpResponse<InputStream> response, int hop, String module, String version) {
    String location =
        response
            .headers()
            .firstValue("location")
            .orElseThrow(
                () ->
                    new PermanentException(
                        response.statusCode() + " redirect without Location from " + from,
                        module,
                        version));
    URI next;
    try {
      next = stripUserInfo(from.resolve(new URI(location)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new PermanentException(
          "unusable redirect Location from " + from + ": " + Redaction.url(location),
          module,
          version);
    }
    String nextScheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!nextScheme.equals(scheme)) {
      throw new PermanentException(
          "refused redirect from " + from + " to another scheme: " + Redaction.url(next),
          module,
          version);
    }
    String nextHost = hostPort(next);
    if (!nextHost.equals(hostPort) && !config.redirectAllowed(nextHost)) {
      throw new PermanentException(
          "refused redirect from "
              + from
              + " to another host: "
              + Redaction.url(next)
              + " (allow it with MODMIRROR_UPSTREAM_REDIRECT_HOSTS)",
          module,
          version);
    }
    if (hop >= MAX_REDIRECTS) {
      throw new PermanentException(
          "stopped after " + MAX_REDIRECTS + " redirects at " + from, module, version);
    }
    return next;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI stripUserInfo(URI uri) throws URISyntaxException {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    return new URI(
        uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
  }

  private static String hostPort(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
  }
}
