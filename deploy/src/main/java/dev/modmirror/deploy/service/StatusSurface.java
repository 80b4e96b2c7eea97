package dev.modmirror.deploy.service;

import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.core.config.Settings;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of a service that has no endpoints of its own (the warmer): {@code /healthz},
 * {@code /readyz} and the routes every surface has ({@link AdminRoutes#common}: upstream status,
 * token reload, admin actions), under the process's access control and TLS. Off unless {@code
 * MODMIRROR_<SERVICE>_HTTP_PORT} is set.
 */
public final class StatusSurface {
  private static final Logger LOG = LoggerFactory.getLogger(StatusSurface.class);

  private StatusSurface() {}

  /**
   * Starts the surface if its port is set.
   *
   * @param service upper case, as in the variable names: {@code WARMER}
   * @throws dev.modmirror.core.config.ConfigException if the host or port setting is invalid
   */
  static Optional<HttpService> start(String service, Adapters adapters, Map<String, String> env) {
    return start(service, adapters, env, Optional.empty());
  }

  /** As {@link #start(String, Adapters, Map)}, serving {@code actions} where given. */
  static Optional<HttpService> start(
      String service, Adapters adapters, Map<String, String> env, Optional<AdminActions> actions) {
    Settings s = Settings.fromEnvironment(env);
    Optional<Bind> bind = bind(service, s);
    s.validate();
    if (bind.isEmpty()) {
      return Optional.empty();
    }
    int port = bind.get().port();
    String host = bind.get().host();
    Deployment d = adapters.deployment();
    HttpService.Builder http =
        HttpService.builder()
            .name(service.toLowerCase(java.util.Locale.ROOT))
            .bind(new InetSocketAddress(host, port))
            .telemetry(adapters.telemetry());
    HttpService started =
        new AdminRoutes(http, d.security())
            .common(
                () -> adapters.upstreamPool().status(),
                new DlqReplayAction(d.kafka(), Clock.systemUTC()),
                actions)
            .start(
                service.toLowerCase(java.util.Locale.ROOT),
                d.goEnv()::isPrivate,
                adapters.telemetry());
    LOG.info(
        "{} status endpoint listening on port {}",
        service.toLowerCase(java.util.Locale.ROOT),
        started.port());
    return Optional.of(started);
  }

  /** Where the surface listens. */
  public record Bind(int port, String host) {}

  /**
   * Reads {@code MODMIRROR_<SERVICE>_HTTP_PORT} and {@code _HOST}; problems are recorded in s.
   *
   * @return empty when the port is not set: the surface is off
   */
  public static Optional<Bind> bind(String service, Settings s) {
    String portName = "MODMIRROR_" + service + "_HTTP_PORT";
    // Absent is "off", not a value to range-check.
    if (s.raw(portName).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Bind(
            s.integer(portName, 0, 0, 65535),
            s.string("MODMIRROR_" + service + "_HTTP_HOST", "0.0.0.0")));
  }
}
