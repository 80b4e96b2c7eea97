package dev.modmirror.deploy.service;

import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3SumDbStateStore;
import dev.modmirror.adapters.sumdb.SumDbChecksums;
import dev.modmirror.adapters.telemetry.TelemetrySetup;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.upstream.Upstream;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/** The adapters of one production service, built from a {@link Deployment} and closed together. */
final class ServiceRuntime implements AutoCloseable {
  private final Deployment deployment;
  private final OpenTelemetrySdk telemetry;
  private final KafkaEventBus bus;
  private final CountDownLatch stopped = new CountDownLatch(1);

  ServiceRuntime(Deployment deployment) {
    this.deployment = deployment;
    this.telemetry = TelemetrySetup.create(deployment.telemetry());
    this.bus = KafkaEventBus.create(deployment.kafka(), telemetry);
  }

  OpenTelemetrySdk telemetry() {
    return telemetry;
  }

  KafkaEventBus bus() {
    return bus;
  }

  ModuleStore primary() {
    return MinioModuleStore.create("primary", deployment.primary());
  }

  /**
   * One store per configured region that {@code wanted} accepts, named after it. Only those are
   * contacted: a replicator of one region starts even while another region is down.
   */
  List<ModuleStore> regions(Predicate<String> wanted) {
    List<ModuleStore> stores = new ArrayList<>();
    deployment
        .regions()
        .forEach(
            (name, config) -> {
              if (wanted.test(name)) {
                stores.add(MinioModuleStore.create(name, config));
              }
            });
    return stores;
  }

  ChecksumPolicy checksums() {
    return SumDbChecksums.policy(
        deployment.goEnv(),
        deployment.upstream().requestTimeout(),
        S3SumDbStateStore.create(deployment.primary()));
  }

  Upstream upstream() {
    return Upstreams.fromGoEnv(deployment.goEnv(), deployment.upstream());
  }

  /** Blocks until the JVM is asked to stop (SIGTERM, SIGINT), then returns. */
  void awaitShutdown(AutoCloseable service) throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception ignored) {
                    // Shutting down anyway: Kafka resumes from the last committed offset.
                  } finally {
                    close();
                    stopped.countDown();
                  }
                },
                "modmirror-shutdown"));
    stopped.await();
  }

  @Override
  public void close() {
    bus.close();
    telemetry.close();
  }
}
