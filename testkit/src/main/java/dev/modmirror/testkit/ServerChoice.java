package dev.modmirror.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Decides whether fixtures run servers in Docker (Testcontainers) or in this JVM (embedded). The
 * system property {@code modmirror.testcontainers} forces the choice ({@code true} or {@code
 * false}); unset, Docker is used when a Docker engine answers. Either way the server is real: a
 * fixture whose server cannot start fails the test, it never skips it.
 */
public final class ServerChoice {
  /** System property that forces Testcontainers ({@code true}) or embedded ({@code false}). */
  public static final String PROPERTY = "modmirror.testcontainers";

  private static final Logger LOG = LoggerFactory.getLogger(ServerChoice.class);
  private static Boolean decided;

  private ServerChoice() {}

  /** True when fixtures should start containers; decided once per JVM. */
  public static synchronized boolean useContainers() {
    Boolean result = decided;
    if (result == null) {
      String forced = System.getProperty(PROPERTY);
      result =
          forced == null || forced.isBlank()
              ? DockerClientFactory.instance().isDockerAvailable()
              : Boolean.parseBoolean(forced.strip());
      decided = result;
      LOG.warn(
          "test servers: {} ({}={}, Docker {})",
          result ? "Testcontainers" : "embedded (S3Proxy, KRaft broker)",
          PROPERTY,
          forced,
          forced == null || forced.isBlank() ? "probed" : "not probed");
    }
    return result;
  }

  /** A short label for messages: {@code testcontainers} or {@code embedded}. */
  public static String label() {
    return useContainers() ? "testcontainers" : "embedded";
  }
}
