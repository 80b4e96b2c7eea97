package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WarmMetricsTest {
  /** The one delivery of a request whose config allows one attempt. */
  private static final Delivery ONLY = new Delivery(1, 1, Instant.parse("2100-01-01T00:00:00Z"));

  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  @TempDir Path spool;
  private final InMemoryEventBus bus = InMemoryEventBus.create();

  @AfterEach
  void close() {
    bus.close();
  }

  @Test
  void recordsWarmLatencyByOutcomeAndLaneAndTheBytesStored() {
    BuiltModule module =
        ModuleBuilder.module("example.com/metered")
            .version("v1.0.0")
            .file("a.go", "package a\n")
            .build();
    InMemoryUpstream upstream = InMemoryUpstream.create();
    upstream.add(module);
    WarmModuleVersion warm =
        new WarmModuleVersion(
            upstream,
            InMemoryModuleStore.create("primary"),
            ChecksumPolicy.off(),
            bus,
            otel.getOpenTelemetry(),
            new WarmerConfig(spool, 1, Duration.ofMillis(1), WarmerConfig.MAX_ZIP_BYTES, "g", 1),
            Clock.systemUTC());

    warm.handle(request(module.ref()), ONLY);
    warm.handle(request(ModuleRef.of("example.com/absent", "v1.0.0")), ONLY);

    MetricData duration = metric("modmirror.warmer.duration");
    assertThat(duration.getHistogramData().getPoints())
        .extracting(p -> p.getAttributes().get(Telemetry.STATUS))
        .containsExactlyInAnyOrder("warmed", "not_found");
    assertThat(duration.getHistogramData().getPoints())
        .allSatisfy(p -> assertThat(p.getAttributes().get(Telemetry.PRIORITY)).isEqualTo("URGENT"));
    assertThat(metric("modmirror.warmer.zip.bytes").getLongSumData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(module.zip().length));
  }

  private MetricData metric(String name) {
    return otel.getMetrics().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static WarmRequested request(ModuleRef ref) {
    return WarmRequested.first(
        VersionRequested.of(ref, RequestSource.WEBHOOK, "test", Clock.systemUTC().instant()));
  }
}
