package dev.modmirror.adapters.streams;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.dedupe.VersionState;
import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dedupe stage and the demand count in one Kafka Streams application with {@code
 * exactly_once_v2}: the state stores, the warm records and the input offsets of one commit become
 * visible together. Unreadable input records are logged, dead-lettered and skipped ({@link
 * DeadLetteringHandler}). A stream thread that died of the cluster's weather (an aborted or fenced
 * transaction, a broker gone mid-commit) is replaced ({@link StreamThreadFailures}); an error the
 * stream threads cannot recover from shuts the application down ({@link #failed()}), so the service
 * can exit with the reason instead of running without its dedupe stage.
 *
 * @see DedupeTopology
 * @see DemandTopology
 */
public final class IngestStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStreams.class);

  /** Stream threads replaced for the cluster's weather before the application gives up. */
  static final int REPLACEMENTS = 5;

  static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);

  private final KafkaStreams streams;
  private final Duration window;
  private volatile Throwable failure;

  /**
   * How the application runs.
   *
   * @param applicationId shared by every ingest replica: they split the partitions
   * @param stateDir where RocksDB keeps the stores (rebuilt from changelogs if lost)
   * @param instanceId a stable id per replica for static group membership (a restarted replica
   *     takes its partitions back at once), or empty
   * @param demandWindow the sliding window of the demand count
   */
  public record Settings(
      String applicationId,
      Path stateDir,
      Optional<String> instanceId,
      DedupeRules rules,
      Duration demandWindow) {}

  private IngestStreams(KafkaStreams streams, Duration window) {
    this.streams = streams;
    this.window = window;
  }

  /** Builds both topologies over {@code builder}; pure, for tests. */
  public static void build(StreamsBuilder builder, Settings settings, DedupeListener listener) {
    build(builder, settings, listener, OpenTelemetry.noop());
  }

  /** As {@link #build(StreamsBuilder, Settings, DedupeListener)}, dedupe traced. */
  public static void build(
      StreamsBuilder builder, Settings settings, DedupeListener listener, OpenTelemetry telemetry) {
    DedupeTopology.build(builder, settings.rules(), listener, telemetry);
    DemandTopology.build(builder, settings.demandWindow());
  }

  /**
   * Creates the topics it reads if absent (a missing source topic would stop the application), then
   * starts it; returns at once (it joins its group in the background).
   */
  public static IngestStreams start(
      KafkaBusConfig kafka, Settings settings, DedupeListener listener) {
    return start(kafka, settings, listener, OpenTelemetry.noop());
  }

  /** As {@link #start(KafkaBusConfig, Settings, DedupeListener)}, dedupe traced. */
  public static IngestStreams start(
      KafkaBusConfig kafka, Settings settings, DedupeListener listener, OpenTelemetry telemetry) {
    KafkaEventBus.createTopics(kafka);
    StreamsBuilder builder = new StreamsBuilder();
    build(builder, settings, listener, telemetry);
    KafkaStreams streams = new KafkaStreams(builder.build(), properties(kafka, settings));
    IngestStreams running = new IngestStreams(streams, settings.demandWindow());
    StreamThreadFailures failures =
        new StreamThreadFailures(REPLACEMENTS, REPLACEMENT_WINDOW, Clock.systemUTC());
    streams.setUncaughtExceptionHandler(
        e -> {
          StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse response =
              failures.decide(e);
          if (response
              == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
            LOG.warn("ingest streams: a stream thread died, replaced: {}", e.toString());
          } else {
            running.failure = e;
            LOG.error("ingest streams stop: {}", e.toString(), e);
          }
          return response;
        });
    streams.start();
    return running;
  }

  static Properties properties(KafkaBusConfig kafka, Settings settings) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(StreamsConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-streams");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
    p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringHandler.class);
    settings
        .instanceId()
        .ifPresent(
            id -> {
              p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id);
              p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 30_000);
            });
    return p;
  }

  /** True once the application processes records (after joining and restoring). */
  public boolean running() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** The error that stopped the application, if any. */
  public Optional<Throwable> failed() {
    return Optional.ofNullable(failure);
  }

  /** Demand ranking over this process's share of the demand store. */
  public DemandCounts demandCounts(Clock clock) {
    return new DemandCounts(
        () ->
            streams.store(
                StoreQueryParameters.fromNameAndType(
                    DemandTopology.STORE, QueryableStoreTypes.<String, Long>windowStore())),
        window,
        clock);
  }

  /**
   * What the dedupe stage knows about {@code ref}, if this process owns its partition.
   *
   * @return empty if the version was never seen here
   */
  public Optional<VersionState> dedupeState(ModuleRef ref) {
    ReadOnlyKeyValueStore<String, VersionState> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                DedupeTopology.STORE, QueryableStoreTypes.<String, VersionState>keyValueStore()));
    return Optional.ofNullable(store.get(ref.key()));
  }

  /** Waits until running, at most {@code timeout}. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!running() && System.nanoTime() < deadline && failure == null) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return running();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
