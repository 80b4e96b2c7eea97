package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's bad input: upstream answers that lie, each refused with its reason, nothing of them
 * stored, while the warmer keeps going and the honest versions are not held back. The warmer runs
 * as in production (its service, an http upstream over loopback), on an in-memory bus and store.
 */
class LyingUpstreamTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path spool;
  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
  private final Map<ModuleRef, Event> outcomes = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    bus.close();
  }

  @Test
  void aVersionStuckOnItsUpstreamHoldsBackNoOther() throws Exception {
    bus.subscribe(Topics.WARMED, "test", e -> outcomes.put(e.ref(), e));
    bus.subscribe(Topics.FAILED, "test", e -> outcomes.put(e.ref(), e));
    try (FakeGoProxy upstream = FakeGoProxy.start()) {
      List<BuiltModule> honest = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        honest.add(module("example.com/honest" + i, "v1.0.0"));
      }
      honest.forEach(upstream::add);
      // Trickles until the test has seen every honest version warmed: proof they waited for none.
      Lie held =
          lie(
              upstream,
              "example.com/held",
              Artifact.ZIP,
              Fault.streamed(
                  out -> {
                    while (release.getCount() > 0) {
                      out.write('x');
                      out.flush();
                      Thread.sleep(100);
                    }
                  }));
      startWarmer(upstream, Duration.ofMinutes(1));

      request(held.ref());
      honest.forEach(m -> request(m.ref()));

      await(
          () -> honest.stream().allMatch(m -> outcomes.get(m.ref()) instanceof VersionWarmed),
          "every honest version warmed");
      assertThat(outcomes)
          .as("the held version is still being fetched")
          .doesNotContainKey(held.ref());
      release.countDown();
      await(() -> outcomes.containsKey(held.ref()), "the held version ended");
      assertRefused(held, "invalid-input", "zip");
    }
  }

  @Test
  void everyLieIsRefusedWithItsReasonAndNothingOfItStored() throws Exception {
    bus.subscribe(Topics.WARMED, "test", e -> outcomes.put(e.ref(), e));
    bus.subscribe(Topics.FAILED, "test", e -> outcomes.put(e.ref(), e));
    try (FakeGoProxy upstream = FakeGoProxy.start()) {
      List<BuiltModule> honest = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        honest.add(module("example.com/honest" + i, "v1.0.0"));
      }
      honest.forEach(upstream::add);
      BuiltModule otherVersion = module("example.com/swapped", "v1.0.1");
      Map<String, Lie> lies =
          Map.of(
              "zip for another version",
              lie(upstream, "example.com/swapped", Artifact.ZIP, Fault.body(otherVersion.zip())),
              ".info naming another version",
              lie(
                  upstream,
                  "example.com/renamed",
                  Artifact.INFO,
                  Fault.body(bytes("{\"Version\":\"v9.9.9\",\"Time\":\"2026-01-01T00:00:00Z\"}"))),
              "an HTML error page with status 200",
              lie(
                  upstream,
                  "example.com/html",
                  Artifact.INFO,
                  Fault.body(bytes("<html><body>Service unavailable</body></html>"))),
              "a redirect to another host",
              lie(
                  upstream,
                  "example.com/redirected",
                  Artifact.ZIP,
                  Fault.redirect("http://localhost:" + upstream.baseUrl().getPort() + "/x.zip")),
              "an endless body",
              lie(upstream, "example.com/endless", Artifact.ZIP, Fault.endless()),
              "a slow trickle",
              lie(
                  upstream,
                  "example.com/trickle",
                  Artifact.ZIP,
                  Fault.trickle(Duration.ofMillis(200))));
      startWarmer(upstream, Duration.ofSeconds(2));

      lies.values().forEach(l -> request(l.ref()));
      honest.forEach(m -> request(m.ref()));

      await(
          () -> lies.values().stream().allMatch(l -> outcomes.containsKey(l.ref())),
          "every lie refused");
      await(
          () -> honest.stream().allMatch(m -> outcomes.get(m.ref()) instanceof VersionWarmed),
          "every honest version warmed");

      assertRefused(
          lies.get("zip for another version"), "invalid-input", "example.com/swapped@v1.0.1");
      assertRefused(
          lies.get(".info naming another version"), "invalid-input", ".info names version v9.9.9");
      assertRefused(lies.get("an HTML error page with status 200"), "invalid-input", ".info");
      assertRefused(lies.get("a redirect to another host"), "permanent", "to another host");
      assertRefused(lies.get("an endless body"), "permanent", "exceeds the size cap");
      assertRefused(lies.get("a slow trickle"), "transient", "took longer than its deadline");
      for (Lie lie : lies.values()) {
        assertThat(primary.keys())
            .as("nothing stored of " + lie.ref())
            .noneMatch(k -> k.startsWith(lie.ref().path().escaped() + "/"));
      }
    }
  }

  private record Lie(ModuleRef ref) {}

  private Lie lie(FakeGoProxy upstream, String path, Artifact artifact, Fault fault) {
    BuiltModule module = module(path, "v1.0.0");
    upstream.add(module);
    upstream.inject(Match.artifact(module.ref(), artifact), fault);
    return new Lie(module.ref());
  }

  private void assertRefused(Lie lie, String kind, String reason) {
    assertThat(outcomes.get(lie.ref()))
        .as(lie.ref().toString())
        .isInstanceOfSatisfying(
            VersionFailed.class,
            failed -> {
              assertThat(failed.status()).isEqualTo(FailureStatus.FAILED);
              assertThat(failed.errorKind()).isEqualTo(kind);
              assertThat(failed.reason()).contains(reason);
            });
  }

  private void startWarmer(FakeGoProxy upstream, Duration downloadDeadline) {
    UpstreamConfig config =
        UpstreamConfig.defaults()
            .withCaps(1 << 20, 1 << 16)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
            .withDownloadDeadline(downloadDeadline);
    WarmerConfig warmer =
        new WarmerConfig(
            spool,
            1,
            Duration.ofMillis(100),
            1 << 20,
            "lying",
            1,
            16,
            Duration.ofMinutes(1),
            Duration.ofMillis(100),
            Duration.ofSeconds(5));
    WarmModuleVersion useCase =
        new WarmModuleVersion(
            Upstreams.fromGoproxy(upstream.baseUrl().toString(), config),
            primary,
            ChecksumPolicy.off(),
            bus,
            otel.getOpenTelemetry(),
            warmer,
            Clock.systemUTC());
    WarmerService.start(bus, useCase, warmer);
  }

  private void request(ModuleRef ref) {
    bus.publish(
        Topics.WARM_URGENT,
        WarmRequested.first(VersionRequested.of(ref, RequestSource.MANUAL, "lies", Instant.now())));
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path)
        .version(version)
        .file("a.go", "package a\n")
        .file("data.bin", new byte[20_000])
        .build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
