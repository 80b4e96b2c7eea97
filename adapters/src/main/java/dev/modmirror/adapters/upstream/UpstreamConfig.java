package dev.modmirror.adapters.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 */
public record UpstreamConfig(
    Duration connectTimeout,
    Duration requestTimeout,
    long maxZipBytes,
    long maxSmallBytes,
    String userAgent,
    int retries) {

  public static final long MIB = 1024L * 1024L;

  /**
   * @throws IllegalArgumentException listing every invalid setting at once
   */
  public UpstreamConfig {
    List<String> problems = new ArrayList<>();
    positive(connectTimeout, "connectTimeout", problems);
    positive(requestTimeout, "requestTimeout", problems);
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
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid UpstreamConfig: " + String.join("; ", problems));
    }
  }

  /** 10 s connect, 60 s request, 500 MiB zips, 16 MiB others, no retries. */
  public static UpstreamConfig defaults() {
    return new UpstreamConfig(
        Duration.ofSeconds(10), Duration.ofSeconds(60), 500 * MIB, 16 * MIB, "modmirror/0.1", 0);
  }

  public UpstreamConfig withTimeouts(Duration connect, Duration request) {
    return new UpstreamConfig(connect, request, maxZipBytes, maxSmallBytes, userAgent, retries);
  }

  public UpstreamConfig withCaps(long zipBytes, long smallBytes) {
    return new UpstreamConfig(
        connectTimeout, requestTimeout, zipBytes, smallBytes, userAgent, retries);
  }

  public UpstreamConfig withRetries(int count) {
    return new UpstreamConfig(
        connectTimeout, requestTimeout, maxZipBytes, maxSmallBytes, userAgent, count);
  }

  private static void positive(Duration d, String name, List<String> problems) {
    if (Objects.isNull(d) || d.isNegative() || d.isZero()) {
      problems.add(name + " must be a positive duration");
    }
  }
}
