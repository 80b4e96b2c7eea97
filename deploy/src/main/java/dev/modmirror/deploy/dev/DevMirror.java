package dev.modmirror.deploy.dev;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.streams.DedupeListener;
import dev.modmirror.adapters.streams.IngestStreams;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.telemetry.TelemetrySetup;
import dev.modmirror.adapters.upstream.PoolSettings;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.adapters.upstream.UpstreamPool;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.ServeSettings;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.deploy.wiring.Serving;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A whole mirror running in this JVM on the dev cluster: servers, adapters and services, started
 * together and closed in reverse order. Shared by {@code modmirror dev} and the warm benchmark.
 * What is dev-only is here: the embedded servers and the deployment that points at them; the
 * adapters and services are built as in production ({@link Adapters}, {@link Services}).
 */
public final class DevMirror implements AutoCloseable {
  private final DevCluster cluster;
  private final Adapters adapters;
  private final IngestStreams dedupe;
  private final Mirror mirror;
  private final Path spool;
  private final OpenTelemetrySdk telemetry;
  private final HopTimes hops;

  private DevMirror(
      DevCluster cluster,
      Adapters adapters,
      IngestStreams dedupe,
      Mirror mirror,
      Path spool,
      OpenTelemetrySdk telemetry,
      HopTimes hops) {
    this.cluster = cluster;
    this.adapters = adapters;
    this.dedupe = dedupe;
    this.mirror = mirror;
    this.spool = spool;
    this.telemetry = telemetry;
    this.hops = hops;
  }

  /**
   * @param dir the servers' data and the spool live under it
   * @param goproxy the upstream, as a GOPROXY list
   * @param gosumdb the checksum database, as GOSUMDB takes it
   */
  public static DevMirror start(Path dir, int regions, String goproxy, String gosumdb)
      throws IOException {
    return start(dir, regions, goproxy, gosumdb, PoolSettings.defaults());
  }

  /**
   * As {@link #start(Path, int, String, String)}, fetching through {@code upstreams}: an upstream
   * pool when it names upstreams (then {@code goproxy} only sets the go environment's GOPROXY).
   */
  public static DevMirror start(
      Path dir, int regions, String goproxy, String gosumdb, PoolSettings upstreams)
      throws IOException {
    return start(
        dir, regions, goproxy, gosumdb, upstreams, UnaryOperator.identity(), Optional.empty());
  }

  /**
   * As {@link #start(Path, int, String, String)}, with the warmer's settings adjusted (a bench's
   * concurrency).
   */
  public static DevMirror start(
      Path dir, int regions, String goproxy, String gosumdb, UnaryOperator<WarmerConfig> warmer)
      throws IOException {
    return start(dir, regions, goproxy, gosumdb, PoolSettings.defaults(), warmer, Optional.empty());
  }

  /**
   * As {@link #start(Path, int, String, String, UnaryOperator)}, with the primary bucket on {@code
   * primary}, an S3 server outside this JVM (as production's is), so that what this process spends
   * is the mirror's and the broker's, not the primary S3 server's.
   */
  public static DevMirror start(
      Path dir,
      int regions,
      String goproxy,
      String gosumdb,
      S3Config primary,
      UnaryOperator<WarmerConfig> warmer)
      throws IOException {
    return start(
        dir, regions, goproxy, gosumdb, PoolSettings.defaults(), warmer, Optional.of(primary));
  }

  private static DevMirror start(
      Path dir,
      int regions,
      String goproxy,
      String gosumdb,
      PoolSettings upstreams,
      UnaryOperator<WarmerConfig> warmer,
      Optional<S3Config> primary)
      throws IOException {
    Path spool = Files.createDirectories(dir.resolve("spool"));
    DevCluster cluster =
        primary.isPresent()
            ? DevCluster.start(dir, regions, primary.get())
            : DevCluster.start(dir, regions);
    Adapters adapters = null;
    IngestStreams dedupe = null;
    HopTimes hops = new HopTimes();
    Deployment deployment =
        deployment(cluster, goproxy, gosumdb, spool, warmer).withUpstreams(upstreams);
    OpenTelemetrySdk telemetry = TelemetrySetup.create(deployment.telemetry(), List.of(hops));
    try {
      adapters = Adapters.open(deployment, Adapters.EVERY_REGION, telemetry);
      // The dedupe stage stands between the requests and the warmer's lanes, as in production.
      dedupe =
          adapters.startStreams(
              new IngestStreams.Settings(
                  "modmirror-dev",
                  Files.createDirectories(dir.resolve("streams")),
                  Optional.empty(),
                  DedupeRules.defaults(),
                  Duration.ofDays(7)),
              DedupeListener.none());
      Mirror mirror =
          Services.over(adapters).startMirror(deployment.warmer(), deployment.replicator());
      return new DevMirror(cluster, adapters, dedupe, mirror, spool, telemetry, hops);
    } catch (RuntimeException e) {
      if (dedupe != null) {
        dedupe.close();
      }
      if (adapters != null) {
        adapters.close();
      }
      telemetry.close();
      cluster.close();
      throw e;
    }
  }

  /** The deployment of a dev cluster: its broker and buckets, the given upstream, defaults. */
  private static Deployment deployment(
      DevCluster cluster,
      String goproxy,
      String gosumdb,
      Path spool,
      UnaryOperator<WarmerConfig> warmer) {
    // Dev mode speaks for itself: only the flags count, not the caller's GOPRIVATE and friends.
    GoEnv goEnv = GoEnv.from(Map.of("GOPROXY", goproxy, "GOSUMDB", gosumdb));
    return new Deployment(
        KafkaBusConfig.of(cluster.bootstrapServers(), "modmirror"),
        cluster.primary(),
        cluster.regions(),
        goEnv,
        UpstreamConfig.defaults(),
        TelemetryConfig.dev("modmirror"),
        warmer.apply(WarmerConfig.defaults(spool)),
        ReplicatorConfig.defaults(spool),
        null);
  }

  public DevCluster cluster() {
    return cluster;
  }

  public EventBus bus() {
    return adapters.bus();
  }

  /** The upstreams the warmer fetches from, with their health. */
  public UpstreamPool upstreams() {
    return adapters.upstreamPool();
  }

  /** The mirror's go.mod ingest use case (publishes warm requests). */
  public dev.modmirror.ingest.IngestGoMod ingest() {
    return mirror.ingest();
  }

  /** One store per region, named after it. */
  public List<ModuleStore> regions() {
    return adapters.regions();
  }

  /**
   * Serves the first region's bucket as a read-only GOPROXY on {@code 127.0.0.1:port} (0 picks a
   * free port), through the same assembly as {@code modmirror serve}.
   */
  public Serving serve(int port) {
    ServeSettings settings =
        ServeSettings.defaults().listeningOn(new InetSocketAddress("127.0.0.1", port));
    // With the checksum database off for warming (dev's default: no outside host), clients may
    // still verify: a go download cache upstream holds sum.golang.org's lookups and tiles.
    if (adapters.deployment().goEnv().sumdbOff() && downloadCacheHoldsSumGolangOrg()) {
      settings = settings.withSumDb(GoEnv.DEFAULT_SUMDB);
    }
    return serve(settings);
  }

  private boolean downloadCacheHoldsSumGolangOrg() {
    return adapters.deployment().goEnv().goproxy().entries().stream()
        .filter(e -> e.scheme().equals("file"))
        .anyMatch(
            e -> Files.isDirectory(Path.of(e.url()).resolve("sumdb").resolve(GoEnv.DEFAULT_SUMDB)));
  }

  /** As {@link #serve(int)}, with given settings (tests pass a checksum database through). */
  public Serving serve(ServeSettings settings) {
    return Services.over(adapters)
        .startServe(
            Optional.of(regions().get(0).name()), settings, HttpSecurity.none(), path -> false);
  }

  /** The per-hop timings of every version warmed so far. */
  HopTimes hops() {
    return hops;
  }

  /** Ingests go.mod files into this mirror and reports every version per region. */
  public WarmAndReport warmAndReport() {
    return new WarmAndReport(mirror, bus(), regions(), spool);
  }

  @Override
  public void close() {
    mirror.close();
    dedupe.close();
    adapters.close();
    telemetry.close();
    cluster.close();
  }
}
