package dev.modmirror.deploy.service;

import dev.modmirror.adapters.http.Access;
import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.http.RateLimiter;
import dev.modmirror.adapters.http.Response;
import dev.modmirror.adapters.http.Route;
import dev.modmirror.adapters.index.HttpIndexFeed;
import dev.modmirror.adapters.kafka.KafkaBranchFetches;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaDeliveries;
import dev.modmirror.adapters.kafka.KafkaFeedLog;
import dev.modmirror.adapters.schedule.QuartzSchedule;
import dev.modmirror.adapters.streams.DedupeListener;
import dev.modmirror.adapters.streams.IngestStreams;
import dev.modmirror.adapters.upstream.UpstreamStatus;
import dev.modmirror.adapters.webhook.HttpRawContent;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.ingest.demand.RecordDemand;
import dev.modmirror.ingest.demand.TailAccessLog;
import dev.modmirror.ingest.index.FollowIndex;
import dev.modmirror.ingest.index.IndexSettings;
import dev.modmirror.ingest.manual.RequestWarm;
import dev.modmirror.ingest.nightly.NightlyPrefetch;
import dev.modmirror.ingest.webhook.BranchPrefetch;
import dev.modmirror.ingest.webhook.Provider;
import dev.modmirror.ingest.webhook.ReceiveWebhook;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: the dedupe stage and demand count (Kafka Streams), the index follower, the
 * webhook and demand HTTP endpoints with health and readiness, access-log tailers and the nightly
 * prefetch schedule, over one event bus. Built from settings; closed in reverse order.
 */
public final class IngestService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("modmirror.reason");
  private static final String PREFETCH = "modmirror-prefetch";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Runnable> stoppers = new ArrayList<>();
  private IngestStreams streams;
  private FollowIndex follower;
  private HttpService http;

  private IngestService() {}

  /**
   * Starts every part the settings enable over the deployment's adapters; returns once the HTTP
   * endpoints listen. The primary bucket is opened only when the nightly prefetch runs.
   */
  public static IngestService start(Adapters adapters, IngestConfig config) {
    Deployment d = adapters.deployment();
    return start(
        d.kafka(),
        config,
        adapters.bus(),
        adapters::upstream,
        adapters::primary,
        adapters.telemetry(),
        adapters.clock(),
        new Surface(d.security(), () -> adapters.upstreamPool().status(), d.goEnv()::isPrivate));
  }

  /**
   * How the HTTP surface is protected and what it reports.
   *
   * @param upstreams the upstreams' state for {@code /status/upstreams}
   * @param isPrivate which modules are private, for tokens' module rules
   */
  public record Surface(
      HttpSecurity security,
      Supplier<List<UpstreamStatus>> upstreams,
      Predicate<ModulePath> isPrivate) {
    /** No access control, plain HTTP, no upstream status. */
    public static Surface open() {
      return new Surface(HttpSecurity.none(), List::of, m -> false);
    }
  }

  /**
   * Starts every part the settings enable; returns once the HTTP endpoints listen.
   *
   * @param primary opened on first use (the nightly prefetch), so ingest starts without S3
   */
  public static IngestService start(
      KafkaBusConfig kafka,
      IngestConfig config,
      EventBus bus,
      Supplier<Upstream> upstream,
      Supplier<ModuleStore> primary,
      OpenTelemetry telemetry,
      Clock clock) {
    return start(kafka, config, bus, upstream, primary, telemetry, clock, Surface.open());
  }

  /** As above, with the HTTP surface protected as {@code surface} says. */
  public static IngestService start(
      KafkaBusConfig kafka,
      IngestConfig config,
      EventBus bus,
      Supplier<Upstream> upstream,
      Supplier<ModuleStore> primary,
      OpenTelemetry telemetry,
      Clock clock,
      Surface surface) {
    IngestService service = new IngestService();
    try {
      service.startAll(kafka, config, bus, upstream, primary, telemetry, clock, surface);
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  private void startAll(
      KafkaBusConfig kafka,
      IngestConfig config,
      EventBus bus,
      Supplier<Upstream> upstream,
      Supplier<ModuleStore> primary,
      OpenTelemetry telemetry,
      Clock clock,
      Surface surface) {
    streams =
        IngestStreams.start(
            kafka,
            new IngestStreams.Settings(
                config.applicationId(),
                config.stateDir(),
                config.instanceId(),
                config.dedupe(),
                config.demandWindow()),
            metrics(telemetry),
            telemetry);
    resources.add(streams);
    IndexSettings index = config.index();
    if (index.enabled()) {
      KafkaFeedLog log =
          KafkaFeedLog.create(kafka, config.applicationId() + "-index-" + index.name(), telemetry);
      resources.add(log);
      follower =
          new FollowIndex(
              new HttpIndexFeed(index.baseUrl(), Duration.ofSeconds(30)),
              log,
              index,
              telemetry,
              clock);
      thread("index-follower", follower);
    }
    RecordDemand demand = new RecordDemand(bus, config.demandPrefix(), telemetry, clock);
    for (var file : config.accessLogs()) {
      TailAccessLog tail =
          new TailAccessLog(file, config.accessLogFormat(), demand, Duration.ofMillis(500), false);
      stoppers.add(tail::stop);
      thread("access-log", tail);
    }
    if (config.prefetch().enabled()) {
      Runnable job =
          () ->
              new NightlyPrefetch(
                      streams.demandCounts(clock),
                      upstream.get(),
                      primary.get(),
                      bus,
                      config.prefetch(),
                      telemetry,
                      clock)
                  .run();
      resources.add(
          QuartzSchedule.start(PREFETCH, config.prefetch().cron(), config.prefetch().zone(), job));
    }
    http = http(kafka, config, bus, demand, telemetry, clock, surface);
    resources.add(http);
    LOG.info("ingest listening on port {}", http.port());
  }

  private HttpService http(
      KafkaBusConfig kafka,
      IngestConfig config,
      EventBus bus,
      RecordDemand demand,
      OpenTelemetry telemetry,
      Clock clock,
      Surface surface) {
    HttpService.Builder b =
        HttpService.builder()
            .name("ingest")
            .bind(new InetSocketAddress(config.httpHost(), config.httpPort()))
            .telemetry(telemetry)
            .ready("streams", streams::running);
    AdminRoutes routes = new AdminRoutes(b, surface.security());
    if (follower != null) {
      b.ready(
          "index",
          () ->
              follower.state() != FollowIndex.State.FAILED
                  && follower.state() != FollowIndex.State.STOPPED);
    }
    var webhooks = config.webhooks();
    if (List.of(Provider.values()).stream().anyMatch(p -> webhooks.secret(p).isPresent())) {
      KafkaDeliveries deliveries = KafkaDeliveries.start(kafka, clock);
      resources.add(deliveries);
      b.ready("webhook-deliveries", deliveries::ready);
      Optional<BranchPrefetch> branches =
          webhooks
              .rawContent()
              .map(
                  urls ->
                      new BranchPrefetch(
                          urls,
                          new HttpRawContent(urls, webhooks.fetchTimeout()),
                          new IngestGoMod(bus, telemetry, clock),
                          KafkaBranchFetches.open(
                              kafka, config.applicationId() + "-branch-fetches", telemetry)));
      branches.ifPresent(resources::add);
      ReceiveWebhook receive =
          new ReceiveWebhook(webhooks, bus, deliveries, branches, telemetry, clock);
      RateLimiter limiter = RateLimiter.of(webhooks.perSecond(), webhooks.burst());
      for (Provider p : Provider.values()) {
        if (webhooks.secret(p).isPresent()) {
          // Providers cannot send our tokens: the handler checks their signature or secret.
          routes.add(
              Route.of(
                      "POST",
                      "/hooks/" + p.id(),
                      webhooks.maxBody(),
                      r -> {
                        var outcome = receive.receive(p, r::header, r.body());
                        return Response.text(outcome.status(), outcome.message());
                      })
                  .limited(limiter, r -> p.id()),
              Access.ownProof());
        }
      }
    }
    routes.add(
        Route.of("POST", "/demand", 1 << 20, r -> demandLines(demand, r.body())),
        Access.token(Role.DEVELOPER));
    routes.add(
        Route.of(
            "GET",
            "/demand/*",
            0,
            r ->
                Response.text(
                    202,
                    demand
                        .record(
                            r.path().substring("/demand".length()),
                            Optional.empty(),
                            "http:" + r.remote())
                        .name()
                        .toLowerCase(java.util.Locale.ROOT))),
        Access.token(Role.DEVELOPER));
    routes.add(
        Route.of("GET", "/admin/demand", 0, r -> demandCounts(clock)),
        Access.token(Role.DEVELOPER));
    RequestWarm warm = new RequestWarm(bus, telemetry, clock);
    routes.add(
        Route.of(
            "POST",
            "/warm",
            256 * 1024,
            r -> {
              var refs = RequestWarm.parse(new String(r.body(), StandardCharsets.UTF_8));
              warm.request(refs, "http:" + r.remote());
              return Response.text(202, "requested " + refs.size() + " versions");
            }),
        Access.token(Role.DEVELOPER, AdminRoutes.bodyModules(RequestWarm::parse)));
    routes.common(surface.upstreams(), new DlqReplayAction(kafka, clock), Optional.empty());
    return routes.start("ingest", surface.isPrivate(), telemetry);
  }

  private static Response demandLines(RecordDemand demand, byte[] body) {
    Map<String, Integer> results = new TreeMap<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      String path = line.strip();
      if (!path.isEmpty()) {
        var result = demand.record(path, Optional.empty(), "http");
        results.merge(result.name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
      }
    }
    StringBuilder json = new StringBuilder("{");
    results.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
    return Response.json(202, json.append('}').toString());
  }

  private Response demandCounts(Clock clock) {
    StringBuilder json = new StringBuilder("{");
    new TreeMap<>(streams.demandCounts(clock).counts())
        .forEach(
            (module, count) ->
                json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(module)
                    .append("\":")
                    .append(count));
    return Response.json(200, json.append('}').toString());
  }

  private static DedupeListener metrics(OpenTelemetry telemetry) {
    var meter = telemetry.getMeter(Telemetry.SCOPE);
    LongCounter duplicates =
        meter
            .counterBuilder("modmirror.ingest.duplicates")
            .setDescription("Requests dropped by the dedupe stage, by source and reason")
            .build();
    LongCounter forwarded =
        meter
            .counterBuilder("modmirror.ingest.forwarded")
            .setDescription("Requests forwarded to a warm lane, by source, lane and reason")
            .build();
    return (request, decision) -> {
      if (decision.isDuplicate()) {
        duplicates.add(
            1, Attributes.of(Telemetry.SOURCE, request.source().name(), REASON, decision.reason()));
      } else {
        forwarded.add(
            1,
            Attributes.of(
                Telemetry.SOURCE,
                request.source().name(),
                Telemetry.PRIORITY,
                decision.forward().map(w -> w.priority()).orElse(WarmPriority.URGENT).name(),
                REASON,
                decision.reason()));
      }
    };
  }

  private void thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** The port the HTTP endpoints listen on. */
  public int port() {
    return http.port();
  }

  /** The index follower, if enabled. */
  public Optional<FollowIndex> follower() {
    return Optional.ofNullable(follower);
  }

  public IngestStreams streams() {
    return streams;
  }

  /** Why the service cannot go on (its streams or its index follower stopped for good). */
  public Optional<String> fatal() {
    if (streams != null && streams.failed().isPresent()) {
      return Optional.of("the dedupe/demand streams stopped: " + streams.failed().get());
    }
    if (follower != null && follower.state() == FollowIndex.State.FAILED) {
      return Optional.of("the index follower stopped (fenced or not authorized)");
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    if (follower != null) {
      follower.stop();
    }
    stoppers.forEach(Runnable::run);
    for (Thread t : threads) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing ingest: {}", e.toString());
      }
    }
  }
}
