package dev.modmirror.deploy.wiring;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.serve.ServeConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The settings of {@code modmirror serve} beyond the use case's own: where it listens and where the
 * checksum database it passes through lives.
 *
 * @param listen the address and port ({@code MODMIRROR_SERVE_LISTEN}, default {@code
 *     127.0.0.1:8080}: loopback until access control exists; {@code 0.0.0.0:8080} in a container)
 * @param sumdb the checksum database passed through under {@code /sumdb/<name>/}, in GOSUMDB's
 *     syntax ({@code name[+key] [url]}, the URL http(s) or a {@code file://} directory of its
 *     lookups and tiles; {@code off} for none): {@code MODMIRROR_SERVE_SUMDB}. Empty: the
 *     deployment's own GOSUMDB, reached from a {@code file://} GOPROXY entry that holds the go
 *     command's copy ({@code sumdb/<name>/}), else as the warmer reaches it
 */
public record ServeSettings(ServeConfig config, InetSocketAddress listen, Optional<String> sumdb) {
  public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 8080);

  public static ServeSettings defaults() {
    return new ServeSettings(ServeConfig.defaults(), DEFAULT_LISTEN, Optional.empty());
  }

  /** Reads {@code MODMIRROR_SERVE_*}; problems are recorded in {@code s}. */
  static ServeSettings from(Settings s) {
    String listen = s.string("MODMIRROR_SERVE_LISTEN", "127.0.0.1:8080");
    InetSocketAddress address = DEFAULT_LISTEN;
    try {
      address = address(listen);
    } catch (IllegalArgumentException e) {
      s.problem("MODMIRROR_SERVE_LISTEN: '" + listen + "' is not host:port");
    }
    Optional<String> sumdb = s.raw("MODMIRROR_SERVE_SUMDB");
    sumdb.ifPresent(
        value -> {
          try {
            SumDbSettings.parse(value, "").url().ifPresent(ServeSettings::checkUrl);
          } catch (IllegalArgumentException e) {
            s.problem("MODMIRROR_SERVE_SUMDB: " + e.getMessage());
          }
        });
    return new ServeSettings(ServeConfig.from(s), address, sumdb);
  }

  /**
   * {@code host:port} or {@code :port}.
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not host:port: " + hostPort);
    }
    String host = colon == 0 ? "0.0.0.0" : hostPort.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not host:port: " + hostPort, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + hostPort);
    }
    return new InetSocketAddress(host, port);
  }

  private static void checkUrl(URI url) {
    if (url.getScheme() == null || !url.getScheme().matches("https?|file")) {
      throw new IllegalArgumentException(url + " is not an http(s) or file URL");
    }
  }

  /** The same settings listening on {@code listen}. */
  public ServeSettings listeningOn(InetSocketAddress listen) {
    return new ServeSettings(config, listen, sumdb);
  }

  /** The same settings with the given use-case config. */
  public ServeSettings with(ServeConfig config) {
    return new ServeSettings(config, listen, sumdb);
  }

  /** The same settings passing {@code sumdb} through (GOSUMDB syntax). */
  public ServeSettings withSumDb(String sumdb) {
    return new ServeSettings(config, listen, Optional.of(sumdb));
  }
}
