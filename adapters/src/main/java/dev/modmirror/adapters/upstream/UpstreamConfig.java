package dev.modmirror.adapters.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the upstream clients.
 *
 * @param connectTimeout time to establish a connection
 * @param requestTimeout time until response headers arrive, and the longest a body read may stall
 * @param maxZipBytes cap on a {@code .zip} body (the module zip limit, 500 MiB)
 * @param maxSmallBytes cap on {@code .mod}, {@code .info} and {@code @v/list} bodies (16 MiB)
 * @param userAgent sent with every request
 * @param retries extra attempts for transient failures before the body is streamed; 0 by default
 *     because the warmer retries with backoff
 * @param downloadDeadline the longest one body may take from request to last byte, however steadily
 *     it trickles: a slow trickle or an endless body is cut here (transient)
 * @param connectionsPerHost requests to one upstream host at once, bodies being read included; more
 *     wait for a free one
 * @param requestsPerSecondPerHost requests started per second per host, 0 for no limit
 * @param redirectHosts hosts (lower case, with {@code :port} when not the default) a redirect may
 *     lead to besides the upstream's own; {@code *} allows any. A redirect elsewhere is refused
 *     (permanent): a proxy that sends us to another host is not the one that was configured
 */
public record UpstreamConfig(
    Duration connectTimeout,
    Duration requestTimeout,
    long maxZipBytes,
    long maxSmallBytes,
    String userAgent,
    int retries,
    Duration downloadDeadline,
    int connectionsPerHost,
    double requestsPerSecondPerHost,
    Set<String> redirectHosts) {

  public static final long MIB = 1024L * 1024L;
  public static final Duration DEFAULT_DOWNLOAD_DEADLINE = Duration.ofMinutes(3);
  public static final int DEFAULT_CONNECTIONS_PER_HOST = 64;

  /**
   * @throws IllegalArgumentException listing every invalid setting at once
   */
  public UpstreamConfig {
    redirectHosts =
        redirectHosts == null
            ? Set.of()
            : redirectHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    List<String> problems = new ArrayList<>();
    positive(connectTimeout, "connectTimeout", problems);
    positive(requestTimeout, "requestTimeout", problems);
    positive(downloadDeadline, "downloadDeadline", problems);
    if (maxZipBytes <= 0) {
      problems.add("maxZipBytes must be positive");
    }
    if (maxSmallBytes <= 0) {
      problems.add("maxSmallBytes must be positive");
    }
    if (userAgent == null || userAgent.isBlank()) {
      problems.add("userAgent must not be blank");
    }
    if (retries < 0) {
      problems.add("retries must not be negative");
    }
    if (connectionsPerHost < 1) {
      problems.add("connectionsPerHost must be at least 1");
    }
    if (!(requestsPerSecondPerHost >= 0) || Double.isInfinite(requestsPerSecondPerHost)) {
      problems.add("requestsPerSecondPerHost must be 0 (no limit) or positive");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid UpstreamConfig: " + String.join("; ", problems));
    }
  }

  /**
   * 10 s connect, 60 s request, 3 min per body, 500 MiB zips, 16 MiB others, no retries, 64
   * connections per host, no rate limit, no redirect to another host.
   */
  public static UpstreamConfig defaults() {
    return new UpstreamConfig(
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        500 * MIB,
        16 * MIB,
        "modmirror/0.1",
        0,
        DEFAULT_DOWNLOAD_DEADLINE,
        DEFAULT_CONNECTIONS_PER_HOST,
        0,
        Set.of());
  }

  public UpstreamConfig withTimeouts(Duration connect, Duration request) {
    return new UpstreamConfig(
        connect,
        request,
        maxZipBytes,
        maxSmallBytes,
        userAgent,
        retries,
        downloadDeadline,
        connectionsPerHost,
        requestsPerSecondPerHost,
        redirectHosts);
  }

  public UpstreamConfig withCaps(long zipBytes, long smallBytes) {
    return new UpstreamConfig(
        connectTimeout,
        requestTimeout,
        zipBytes,
        smallBytes,
        userAgent,
        retries,
        downloadDeadline,
        connectionsPerHost,
        requestsPerSecondPerHost,
        redirectHosts);
  }

  public UpstreamConfig withRetries(int count) {
    return new UpstreamConfig(
        connectTimeout,
        requestTimeout,
        maxZipBytes,
        maxSmallBytes,
        userAgent,
        count,
        downloadDeadline,
        connectionsPerHost,
        requestsPerSecondPerHost,
        redirectHosts);
  }

  public UpstreamConfig withDownloadDeadline(Duration deadline) {
    return new UpstreamConfig(
        connectTimeout,
        requestTimeout,
        maxZipBytes,
        maxSmallBytes,
        userAgent,
        retries,
        deadline,
        connectionsPerHost,
        requestsPerSecondPerHost,
        redirectHosts);
  }

  public UpstreamConfig withHostLimits(int connections, double requestsPerSecond) {
    return new UpstreamConfig(
        connectTimeout,
        requestTimeout,
        maxZipBytes,
        maxSmallBytes,
        userAgent,
        retries,
        downloadDeadline,
        connections,
        requestsPerSecond,
        redirectHosts);
  }

  public UpstreamConfig withRedirectHosts(Set<String> hosts) {
    return new UpstreamConfig(
        connectTimeout,
        requestTimeout,
        maxZipBytes,
        maxSmallBytes,
        userAgent,
        retries,
        downloadDeadline,
        connectionsPerHost,
        requestsPerSecondPerHost,
        hosts);
  }

  /** Whether a redirect may lead to {@code hostPort} (lower case, {@code host[:port]}). */
  boolean redirectAllowed(String hostPort) {
    return redirectHosts.contains("*") || redirectHosts.contains(hostPort);
  }

  private static void positive(Duration d, String name, List<String> problems) {
    if (Objects.isNull(d) || d.isNegative() || d.isZero()) {
      problems.add(name + " must be a positive duration");
    }
  }
}
