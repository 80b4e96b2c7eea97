package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.upstream.health.HealthSettings;
import java.util.List;
import java.util.Objects;

/**
 * How upstreams are judged and authenticated, in both forms, and the pool form's upstreams.
 *
 * @param upstreams the pool form's upstreams, in order; empty for the GOPROXY form
 * @param health breaker, probe interval, latency decay
 * @param probeModule what public upstreams' health checks list ({@code golang.org/x/mod})
 * @param goauth the GOAUTH value ({@code netrc} when empty), read when the upstreams are built
 * @param authEnv {@code NETRC} and {@code HOME}, where GOAUTH's netrc is found
 * @param probe whether active health checks run (off for one-shot commands)
 */
public record PoolSettings(
    List<UpstreamSpec> upstreams,
    HealthSettings health,
    ModulePath probeModule,
    String goauth,
    java.util.Map<String, String> authEnv,
    boolean probe) {

  /** The module public upstreams' health checks list by default. */
  public static final String DEFAULT_PROBE_MODULE = "golang.org/x/mod";

  public PoolSettings {
    upstreams = List.copyOf(upstreams);
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(probeModule, "probeModule");
    Objects.requireNonNull(goauth, "goauth");
    authEnv = java.util.Map.copyOf(authEnv);
  }

  /** The GOPROXY form with default health settings, GOAUTH off and no probes. */
  public static PoolSettings defaults() {
    return new PoolSettings(
        List.of(),
        HealthSettings.defaults(),
        ModulePath.of(DEFAULT_PROBE_MODULE),
        "off",
        java.util.Map.of(),
        false);
  }

  /** The same settings with these upstreams (the pool form), for dev mode, benches and tests. */
  public PoolSettings withUpstreams(List<UpstreamSpec> specs) {
    return new PoolSettings(specs, health, probeModule, goauth, authEnv, probe);
  }

  /** The same settings judging health by {@code settings}. */
  public PoolSettings withHealth(HealthSettings settings) {
    return new PoolSettings(upstreams, settings, probeModule, goauth, authEnv, probe);
  }

  /** Whether the pool form is configured. */
  public boolean isPool() {
    return !upstreams.isEmpty();
  }

  public PoolSettings withProbes(boolean on) {
    return new PoolSettings(upstreams, health, probeModule, goauth, authEnv, on);
  }
}
