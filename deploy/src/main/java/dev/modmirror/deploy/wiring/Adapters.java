package dev.modmirror.deploy.wiring;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.s3.S3SumDbStateStore;
import dev.modmirror.adapters.sumdb.SumDbChecksums;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.telemetry.TelemetrySetup;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.upstream.GoEnv;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real adapters (Kafka, MinIO SDK, HTTP upstream, OpenTelemetry SDK) behind {@link
 * Mirror.Parts}.
 */
public final class Adapters implements AutoCloseable {
  private final Mirror.Parts parts;
  private final KafkaEventBus bus;
  private final OpenTelemetrySdk telemetry;

  private Adapters(Mirror.Parts parts, KafkaEventBus bus, OpenTelemetrySdk telemetry) {
    this.parts = parts;
    this.bus = bus;
    this.telemetry = telemetry;
  }

  /**
   * @param regions region name to endpoint, in region order
   * @param goproxy the upstream, as a GOPROXY list
   * @param gosumdb the checksum database, as GOSUMDB takes it ({@code off} to check nothing)
   */
  public static Adapters create(
      String bootstrapServers,
      S3Config primary,
      Map<String, S3Config> regions,
      String goproxy,
      String gosumdb) {
    // Dev mode speaks for itself: only the flags count, not the caller's GOPRIVATE and friends.
    GoEnv goEnv = GoEnv.from(Map.of("GOPROXY", goproxy, "GOSUMDB", gosumdb));
    OpenTelemetrySdk telemetry = TelemetrySetup.create(TelemetryConfig.local("modmirror"));
    KafkaEventBus bus =
        KafkaEventBus.create(KafkaBusConfig.of(bootstrapServers, "modmirror"), telemetry);
    List<ModuleStore> regionStores = new ArrayList<>();
    regions.forEach((name, config) -> regionStores.add(MinioModuleStore.create(name, config)));
    Mirror.Parts parts =
        new Mirror.Parts(
            bus,
            MinioModuleStore.create("primary", primary),
            regionStores,
            Upstreams.fromGoEnv(goEnv, UpstreamConfig.defaults()),
            SumDbChecksums.policy(goEnv, Duration.ofSeconds(30), S3SumDbStateStore.create(primary)),
            telemetry,
            Clock.systemUTC());
    return new Adapters(parts, bus, telemetry);
  }

  public Mirror.Parts parts() {
    return parts;
  }

  @Override
  public void close() {
    bus.close();
    telemetry.close();
  }
}
