package dev.modmirror.deploy.service;

import dev.modmirror.adapters.upstream.UpstreamPool;
import dev.modmirror.adapters.upstream.UpstreamStatus;
import dev.modmirror.adapters.upstream.UpstreamStatusJson;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.Shown;
import dev.modmirror.deploy.wiring.Deployment;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modmirror upstreams}: each upstream's state, breaker, latency and success ratio. By
 * default it builds the upstreams from the same settings as the services and probes each {@code
 * --probes} times (what this machine sees now). With {@code --from URL} it reads {@code
 * /status/upstreams} of a running service (the warmer's status surface or the ingest service),
 * whose breakers and ratios reflect its real traffic; the token is read from {@code
 * MODMIRROR_TOKEN}, never from the command line (which other users can see). Exit 0 when every
 * upstream is up, 1 when one is down.
 */
@Command(
    name = "upstreams",
    mixinStandardHelpOptions = true,
    description = "Shows each upstream's state, breaker, latency and success ratio.")
public final class UpstreamsCommand implements Callable<Integer> {
  @Option(names = "--from", description = "A running service's base URL, e.g. http://warmer:8081.")
  URI from;

  @Option(names = "--probes", defaultValue = "3", description = "Probes per upstream (default 3).")
  int probes;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  /** The environment and output; tests give their own. */
  Map<String, String> env = System.getenv();

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    List<UpstreamStatus> status = from != null ? fetch() : probe();
    if (json) {
      out.println(UpstreamStatusJson.write(status));
    } else {
      print(status);
    }
    return status.stream().allMatch(UpstreamStatus::up) ? 0 : 1;
  }

  private List<UpstreamStatus> probe() {
    if (probes < 1 || probes > 100) {
      throw new InvalidInputException("--probes must be 1 to 100");
    }
    Deployment.Upstreams u = Deployment.upstreamsFrom(env);
    Duration timeout = u.client().requestTimeout().plus(u.client().connectTimeout());
    try (UpstreamPool pool =
        Upstreams.build(u.goEnv(), u.client(), u.pool(), OpenTelemetry.noop())) {
      for (int i = 0; i < probes; i++) {
        pool.probeNow(timeout);
      }
      return pool.status();
    }
  }

  private List<UpstreamStatus> fetch() throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(from.resolve("/status/upstreams")).timeout(Duration.ofSeconds(30));
    String token = env.get("MODMIRROR_TOKEN");
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new InvalidInputException(
          from
              + "/status/upstreams answered "
              + response.statusCode()
              + (response.statusCode() == 401
                  ? " (set MODMIRROR_TOKEN to a developer token)"
                  : ""));
    }
    return UpstreamStatusJson.read(response.body());
  }

  private void print(List<UpstreamStatus> status) {
    String format = "%-14s %-8s %-5s %-10s %10s %9s %6s  %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "UPSTREAM",
        "CLASS",
        "STATE",
        "BREAKER",
        "LATENCY",
        "OK(5m)",
        "WEIGHT",
        "URL / LAST FAILURE");
    for (UpstreamStatus s : status) {
      out.printf(
          Locale.ROOT,
          format,
          Shown.fitted(s.name(), 14),
          s.isPrivate() ? "private" : "public",
          s.up() ? "up" : "down",
          s.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          String.format(Locale.ROOT, "%.0f ms", s.latencyMillis()),
          s.successRatio().isPresent()
              ? String.format(Locale.ROOT, "%.1f%%", 100 * s.successRatio().getAsDouble())
              : "-",
          String.format(Locale.ROOT, "%.3g", s.weight()),
          s.url()
              + (s.lastFailure().isEmpty()
                  ? ""
                  : "  (" + Shown.fitted(s.lastFailure(), 120) + ")"));
    }
  }
}
