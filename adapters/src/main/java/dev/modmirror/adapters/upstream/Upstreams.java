package dev.modmirror.adapters.upstream;

import dev.modmirror.adapters.telemetry.TracedHttpClient;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.GoproxyEntry;
import dev.modmirror.core.upstream.GoproxyList;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

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
            upstream = new HttpGoproxy(entry.url(), config, client);
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
}
