package dev.modmirror.adapters.upstream;

import dev.modmirror.adapters.telemetry.TracedHttpClient;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.GoproxyEntry;
import dev.modmirror.core.upstream.GoproxyList;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the {@link Upstream} for a GOPROXY value or a whole go environment. */
public final class Upstreams {
  private Upstreams() {}

  /**
   * The upstream for a GOPROXY list: http(s) and file entries, {@code ,} and {@code |}
   * fall-through, {@code direct} (answers not-found: modmirror does not fetch from VCS) and {@code
   * off} (fails permanently). The http entries share one client.
   *
   * @param goproxyList a GOPROXY value; empty means the go default
   * @throws InvalidInputException if the value does not parse (see {@link GoproxyList#parse})
   */
  public static Upstream fromGoproxy(String goproxyList, UpstreamConfig config) {
    return fromList(GoproxyList.parse(goproxyList), config);
  }

  /** As {@link #fromGoproxy}, for a parsed list. */
  public static Upstream fromList(GoproxyList list, UpstreamConfig config) {
    return fromList(list, config, OpenTelemetry.noop());
  }

  /** As {@link #fromList(GoproxyList, UpstreamConfig)}, with an HTTP client span per request. */
  public static Upstream fromList(
      GoproxyList list, UpstreamConfig config, OpenTelemetry telemetry) {
    HttpClient client = null;
    HostLimits limits = new HostLimits(config);
    List<ChainedUpstream.Link> links = new ArrayList<>();
    for (GoproxyEntry entry : list.entries()) {
      Upstream upstream;
      switch (entry.kind()) {
        case DIRECT -> upstream = KeywordUpstream.direct();
        case OFF -> upstream = KeywordUpstream.off();
        default -> {
          if (entry.scheme().equals("file")) {
            upstream = new FileGoproxy(entry.url(), config);
          } else {
            client =
                client != null
                    ? client
                    : TracedHttpClient.wrap(HttpGoproxy.newClient(config), telemetry);
            upstream = new HttpGoproxy(entry.url(), config, client, UpstreamAuth.none(), limits);
          }
        }
      }
      links.add(new ChainedUpstream.Link(upstream, entry.fallBackOnAnyError()));
    }
    return new ChainedUpstream(links, list.redacted());
  }

  /**
   * The upstream the go command would use in {@code env}: its GOPROXY list, with modules matched by
   * GONOPROXY (default GOPRIVATE) answered "private: not mirrored" before any upstream is asked.
   */
  public static Upstream fromGoEnv(GoEnv env, UpstreamConfig config) {
    return fromGoEnv(env, config, OpenTelemetry.noop());
  }

  /** As {@link #fromGoEnv(GoEnv, UpstreamConfig)}, with an HTTP client span per request. */
  public static Upstream fromGoEnv(GoEnv env, UpstreamConfig config, OpenTelemetry telemetry) {
    Upstream list = fromList(env.goproxy(), config, telemetry);
    return env.gonoproxy().isEmpty() ? list : new PrivateModuleFilter(env, list);
  }

  /**
   * The upstreams of a service, with health, failover and metrics ({@link UpstreamPool}): the pool
   * form when {@code pool} names upstreams, else the GOPROXY form over {@code env}'s list, whose
   * {@code |} entries are skipped while their breaker is open. Runs GOAUTH's commands once, now.
   *
   * @throws InvalidInputException if GOAUTH is malformed
   */
  public static UpstreamPool build(
      GoEnv env, UpstreamConfig config, PoolSettings pool, OpenTelemetry telemetry) {
    DownloadMetrics metrics = new DownloadMetrics(telemetry);
    HttpClient client = TracedHttpClient.wrap(HttpGoproxy.newClient(config), telemetry);
    List<URI> urls =
        pool.isPool()
            ? pool.upstreams().stream().map(UpstreamSpec::url).toList()
            : env.goproxy().entries().stream()
                .filter(e -> e.kind() == GoproxyEntry.Kind.PROXY)
                .map(GoproxyEntry::url)
                .toList();
    GoAuth goAuth = GoAuth.load(pool.goauth(), pool.authEnv(), urls);
    return pool.isPool()
        ? ranked(env, config, pool, telemetry, metrics, client, goAuth)
        : ordered(env, config, pool, telemetry, metrics, client, goAuth);
  }

  private static UpstreamPool ranked(
      GoEnv env,
      UpstreamConfig config,
      PoolSettings pool,
      OpenTelemetry telemetry,
      DownloadMetrics metrics,
      HttpClient client,
      GoAuth goAuth) {
    HostLimits limits = new HostLimits(config);
    List<PoolMember> members = new ArrayList<>();
    for (UpstreamSpec spec : pool.upstreams()) {
      UpstreamAuth auth = spec.auth().isNone() ? UpstreamAuth.goAuth(goAuth) : spec.auth();
      Upstream client1 = client(spec.url(), config, client, auth, limits);
      GuardedUpstream guarded =
          new GuardedUpstream(spec.name(), client1, pool.health(), metrics, System::nanoTime, true);
      members.add(
          new PoolMember(guarded, spec.isPrivate(), spec.modules(), spec.weight(), spec.probe()));
    }
    String description =
        "pool["
            + String.join(",", pool.upstreams().stream().map(UpstreamSpec::name).toList())
            + "]";
    return new UpstreamPool(
        new RankedRouter(members, env, description),
        members,
        pool.health().probeInterval(),
        pool.probe(),
        telemetry);
  }

  private static UpstreamPool ordered(
      GoEnv env,
      UpstreamConfig config,
      PoolSettings pool,
      OpenTelemetry telemetry,
      DownloadMetrics metrics,
      HttpClient client,
      GoAuth goAuth) {
    HostLimits limits = new HostLimits(config);
    List<PoolMember> members = new ArrayList<>();
    List<ChainedUpstream.Link> links = new ArrayList<>();
    for (GoproxyEntry entry : env.goproxy().entries()) {
      Upstream upstream;
      switch (entry.kind()) {
        case DIRECT -> upstream = KeywordUpstream.direct();
        case OFF -> upstream = KeywordUpstream.off();
        default -> {
          Upstream raw = client(entry.url(), config, client, UpstreamAuth.goAuth(goAuth), limits);
          // Skipping an entry is only a gain where the go command would fall through anyway.
          GuardedUpstream guarded =
              new GuardedUpstream(
                  entry.redacted(),
                  raw,
                  pool.health(),
                  metrics,
                  System::nanoTime,
                  entry.fallBackOnAnyError());
          members.add(new PoolMember(guarded, false, "", 1.0, Optional.of(pool.probeModule())));
          upstream = guarded;
        }
      }
      links.add(new ChainedUpstream.Link(upstream, entry.fallBackOnAnyError()));
    }
    Upstream list = new ChainedUpstream(links, env.goproxy().redacted());
    Upstream router = env.gonoproxy().isEmpty() ? list : new PrivateModuleFilter(env, list);
    return new UpstreamPool(
        router, members, pool.health().probeInterval(), pool.probe(), telemetry);
  }

  /** One upstream; {@code limits} are shared by every http upstream of one list or pool. */
  private static Upstream client(
      URI url, UpstreamConfig config, HttpClient client, UpstreamAuth auth, HostLimits limits) {
    return "file".equalsIgnoreCase(url.getScheme())
        ? new FileGoproxy(url, config)
        : new HttpGoproxy(url, config, client, auth, limits);
  }
}
