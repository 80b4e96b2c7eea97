package dev.modmirror.deploy.wiring;

import dev.modmirror.adapters.kafka.FatalFailure;
import dev.modmirror.adapters.kafka.KafkaConsumerBacklog;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3SumDbStateStore;
import dev.modmirror.adapters.streams.DedupeListener;
import dev.modmirror.adapters.streams.IngestStreams;
import dev.modmirror.adapters.sumdb.FileSumDbTransport;
import dev.modmirror.adapters.sumdb.HttpSumDbTransport;
import dev.modmirror.adapters.sumdb.SumDbChecksums;
import dev.modmirror.adapters.telemetry.TelemetrySetup;
import dev.modmirror.adapters.telemetry.TracedHttpClient;
import dev.modmirror.adapters.telemetry.TracedModuleStore;
import dev.modmirror.adapters.upstream.UpstreamPool;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.event.ConsumerBacklog;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.core.sumdb.SumDbTransport;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.serve.SumDbPassThrough;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The real adapters of a {@link Deployment} as {@link Parts}: the Kafka bus, MinIO/S3 stores, the
 * GOPROXY list, the checksum policy (its verified tree head kept in the primary bucket) and the
 * OpenTelemetry SDK. The one place that builds them, for the production commands, dev mode and the
 * end-to-end tests alike.
 *
 * <p>Each part is built on first use and then kept, so a process contacts only what its services
 * use: {@code modmirror ingest} no bucket, a warmer no region, {@code replicator --region eu} only
 * eu. Thread-safe. Closing closes what was built: the bus, then the telemetry it owns (which
 * flushes).
 */
public final class Adapters implements Parts, AutoCloseable {
  /** Every region of the deployment. */
  public static final Predicate<String> EVERY_REGION = region -> true;

  /** No region: for services that never touch one. */
  public static final Predicate<String> NO_REGION = region -> false;

  private final Deployment deployment;
  private final Predicate<String> wantedRegions;
  private final OpenTelemetry telemetry;
  private final OpenTelemetrySdk ownedTelemetry;
  private final CompletableFuture<FatalFailure> fatal = new CompletableFuture<>();
  private KafkaEventBus bus;
  private ModuleStore primary;
  private List<ModuleStore> regions;
  private UpstreamPool upstream;
  private ChecksumPolicy checksums;
  private boolean closed;

  private Adapters(
      Deployment deployment,
      Predicate<String> wantedRegions,
      OpenTelemetry telemetry,
      OpenTelemetrySdk ownedTelemetry) {
    this.deployment = deployment;
    this.wantedRegions = wantedRegions;
    this.telemetry = telemetry;
    this.ownedTelemetry = ownedTelemetry;
  }

  /**
   * The adapters of {@code deployment}, with telemetry as its settings say; nothing is contacted
   * yet.
   *
   * @param regions which of the deployment's regions {@link #regions()} holds, by name
   */
  public static Adapters open(Deployment deployment, Predicate<String> regions) {
    OpenTelemetrySdk sdk = TelemetrySetup.create(deployment.telemetry());
    return new Adapters(deployment, regions, sdk, sdk);
  }

  /**
   * As {@link #open(Deployment, Predicate)}, reporting to a given OpenTelemetry (a test's {@code
   * OpenTelemetryExtension}), which the caller keeps and closes.
   */
  public static Adapters open(
      Deployment deployment, Predicate<String> regions, OpenTelemetry telemetry) {
    return new Adapters(deployment, regions, telemetry, null);
  }

  /** The deployment these adapters were built for. */
  public Deployment deployment() {
    return deployment;
  }

  /**
   * @throws dev.modmirror.core.error.TransientException if the broker does not answer in time
   */
  @Override
  public synchronized EventBus bus() {
    if (bus == null) {
      // Creates the planned topics and refuses topics that would break ordering or lose state.
      TopicSetup.ensure(deployment.kafka());
      bus = KafkaEventBus.create(deployment.kafka(), telemetry, fatal::complete);
    }
    return bus;
  }

  /**
   * @throws dev.modmirror.core.error.TransientException if the bucket cannot be reached
   */
  /**
   * Completes with the first failure that stopped a subscription for good (Kafka refusing us, a
   * topic gone, a JVM error on a consumer's thread): the process should then report it and exit
   * non-zero rather than run on with fewer consumers.
   */
  public CompletionStage<FatalFailure> fatal() {
    return fatal;
  }

  @Override
  public synchronized ModuleStore primary() {
    if (primary == null) {
      primary =
          TracedModuleStore.wrap(
              MinioModuleStore.create("primary", deployment.primary()), telemetry);
    }
    return primary;
  }

  /**
   * Only the wanted regions are contacted: one region's replicator starts while another is down.
   */
  @Override
  public synchronized List<ModuleStore> regions() {
    if (regions == null) {
      List<ModuleStore> stores = new ArrayList<>();
      deployment
          .regions()
          .forEach(
              (name, config) -> {
                if (wantedRegions.test(name)) {
                  stores.add(
                      TracedModuleStore.wrap(MinioModuleStore.create(name, config), telemetry));
                }
              });
      regions = List.copyOf(stores);
    }
    return regions;
  }

  @Override
  public Optional<ConsumerBacklog> backlog() {
    return Optional.of(new KafkaConsumerBacklog(deployment.kafka()));
  }

  @Override
  public synchronized Upstream upstream() {
    return upstreamPool();
  }

  /**
   * The upstreams with their health (the same object as {@link #upstream()}): for status output.
   * Built on first use; runs GOAUTH's commands then.
   */
  public synchronized UpstreamPool upstreamPool() {
    if (upstream == null) {
      upstream =
          Upstreams.build(
              deployment.goEnv(), deployment.upstream(), deployment.upstreams(), telemetry);
    }
    return upstream;
  }

  @Override
  public synchronized ChecksumPolicy checksums() {
    if (checksums == null) {
      checksums =
          SumDbChecksums.policy(
              deployment.goEnv(),
              deployment.upstream().requestTimeout(),
              S3SumDbStateStore.create(deployment.primary()),
              telemetry);
    }
    return checksums;
  }

  /**
   * Starts the dedupe stage and the demand count (Kafka Streams) on the deployment's broker; the
   * caller closes them. Some process must run them for a warmer to see any request: the ingest
   * service in production; dev mode and the end-to-end tests start their own.
   */
  public IngestStreams startStreams(IngestStreams.Settings settings, DedupeListener listener) {
    return IngestStreams.start(deployment.kafka(), settings, listener, telemetry);
  }

  /**
   * The database of {@code spec} ({@code MODMIRROR_SERVE_SUMDB}), else of GOSUMDB: at its explicit
   * URL (http(s), or a {@code file://} copy of its lookups and tiles), else from a {@code file://}
   * GOPROXY entry that is a go command download cache holding {@code sumdb/<name>/}, else routed as
   * the warmer routes, on the first request, so an unreachable database never stops serve from
   * starting.
   */
  @Override
  public Optional<SumDbPassThrough> sumDbPassThrough(Optional<String> spec) {
    GoEnv env = deployment.goEnv();
    SumDbSettings settings = SumDbSettings.parse(spec.orElse(env.gosumdb()), "");
    Duration timeout = deployment.upstream().requestTimeout();
    return settings.off()
        ? Optional.empty()
        : Optional.of(
            new SumDbPassThrough(
                settings.key().orElseThrow().name(),
                settings
                    .url()
                    .or(() -> downloadCacheCopy(env, settings))
                    .map(url -> transport(url, timeout))
                    .orElseGet(
                        () -> SumDbChecksums.lazyTransport(env, settings, timeout, telemetry))));
  }

  /**
   * A {@code file://} GOPROXY entry that is a go command download cache holds the lookups and tiles
   * the go command fetched under {@code sumdb/<name>/}: passing them through lets clients verify
   * with no network (docs/operations.md). The go command itself would not read them there.
   */
  private static Optional<URI> downloadCacheCopy(GoEnv env, SumDbSettings settings) {
    String name = settings.key().orElseThrow().name();
    return env.goproxy().entries().stream()
        .filter(e -> e.scheme().equals("file"))
        .map(e -> Path.of(e.url()).resolve("sumdb").resolve(name))
        .filter(java.nio.file.Files::isDirectory)
        .map(Path::toUri)
        .findFirst();
  }

  private SumDbTransport transport(URI url, Duration timeout) {
    return url.getScheme().equals("file")
        ? new FileSumDbTransport(url)
        : new HttpSumDbTransport(
            url, TracedHttpClient.wrap(HttpSumDbTransport.newClient(timeout), telemetry), timeout);
  }

  @Override
  public OpenTelemetry telemetry() {
    return telemetry;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  /** Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (upstream != null) {
      upstream.close();
    }
    if (bus != null) {
      bus.close();
    }
    if (ownedTelemetry != null) {
      ownedTelemetry.close();
    }
  }
}
