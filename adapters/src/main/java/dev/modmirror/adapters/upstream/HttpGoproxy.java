package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.upstream.Redaction;
import dev.modmirror.core.upstream.Upstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GOPROXY reached over http or https. Bodies are streamed, capped ({@link UpstreamConfig}) and
 * checked against their Content-Length; redirects are followed by hand, same scheme only, at most
 * 3; userinfo in the base URL is sent as basic auth to the base's host only and never appears in
 * {@link #describe()}, messages or logs.
 *
 * <p>Errors: 404/410 → NotFound (status and a sanitized body excerpt); 429, 5xx, timeouts and I/O
 * failures → Transient; other answers (4xx, a redirect to another scheme, too many redirects) →
 * Permanent; a redirect to another host is refused unless {@link UpstreamConfig#redirectHosts()}
 * allows it. At most {@link UpstreamConfig#connectionsPerHost()} requests per host run at once, at
 * most {@link UpstreamConfig#requestsPerSecondPerHost()} start per second, and a body is cut at
 * {@link UpstreamConfig#downloadDeadline()}. Thread-safe.
 */
public final class HttpGoproxy implements Upstream {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGoproxy.class);

  private final HttpFetcher fetcher;
  private final URI base;
  private final UpstreamConfig config;

  /**
   * @param base an http or https base URL, possibly with userinfo
   * @param client a client that does not follow redirects ({@link #newClient})
   * @throws InvalidInputException if the base is not http or https
   */
  public HttpGoproxy(URI base, UpstreamConfig config, HttpClient client) {
    this(base, config, client, UpstreamAuth.none());
  }

  /**
   * As {@link #HttpGoproxy(URI, UpstreamConfig, HttpClient)}, sending {@code auth} to the base's
   * host (userinfo in the base URL wins over it).
   */
  public HttpGoproxy(URI base, UpstreamConfig config, HttpClient client, UpstreamAuth auth) {
    this(base, config, client, auth, new HostLimits(config));
  }

  /** As above, sharing per-host limits with the other http entries of a GOPROXY list or pool. */
  HttpGoproxy(
      URI base, UpstreamConfig config, HttpClient client, UpstreamAuth auth, HostLimits limits) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
      throw new InvalidInputException("not an http(s) GOPROXY URL: " + Redaction.url(base));
    }
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the client must not follow redirects itself");
    }
    this.base = base;
    this.config = config;
    this.fetcher = new HttpFetcher(client, config, limits, base, auth);
  }

  /** A client for these upstreams: connect timeout from the config, redirects never followed. */
  public static HttpClient newClient(UpstreamConfig config) {
    return HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    long cap = artifact == Artifact.ZIP ? config.maxZipBytes() : config.maxSmallBytes();
    String relative = ObjectKeys.artifact(ref, artifact);
    return withRetries(() -> fetcher.get(relative, cap, ref.path().value(), ref.version().value()));
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    return withRetries(
        () -> {
          InputStream body =
              fetcher.get(ObjectKeys.list(path), config.maxSmallBytes(), path.value(), null);
          return VersionList.read(body, describe() + "/" + ObjectKeys.list(path));
        });
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    return withRetries(
        () -> {
          InputStream body =
              fetcher.get(ObjectKeys.latest(path), config.maxSmallBytes(), path.value(), null);
          return VersionList.latest(body, describe() + "/" + ObjectKeys.latest(path));
        });
  }

  @Override
  public String describe() {
    return Redaction.url(base);
  }

  @Override
  public String toString() {
    return "HttpGoproxy[" + describe() + "]";
  }

  private <T> T withRetries(Supplier<T> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (TransientException e) {
        if (attempt >= config.retries()) {
          throw e;
        }
        LOG.debug("retrying after transient failure from {}: {}", describe(), e.getMessage());
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L << Math.min(attempt, 6));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting to retry");
    }
  }
}
