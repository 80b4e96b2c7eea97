package dev.modmirror.ingest.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NightlyPrefetchTest {
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final InMemoryUpstream upstream = InMemoryUpstream.create();
  private final InMemoryModuleStore store = InMemoryModuleStore.create("primary");

  @AfterEach
  void close() {
    bus.close();
  }

  private void upstream(String module, String... versions) {
    for (String v : versions) {
      upstream.add(ModuleBuilder.module(module).version(v).build());
    }
  }

  @Test
  void requestsTheNewestMissingVersionsOfTheTopModulesAndTheList() throws Exception {
    upstream("example.com/a", "v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0");
    upstream("example.com/b", "v0.1.0");
    upstream("example.com/c", "v1.0.0");
    byte[] info = "{\"Version\":\"v1.3.0\"}".getBytes();
    store.put(
        ModuleRef.of("example.com/a", "v1.3.0"),
        Artifact.INFO,
        new ByteArrayInputStream(info),
        info.length);
    List<VersionRequested> published = new CopyOnWriteArrayList<>();
    bus.subscribe(Topics.REQUESTS, "t", published::add);

    NightlyPrefetch prefetch =
        new NightlyPrefetch(
            limit ->
                List.of(ModulePath.of("example.com/a"), ModulePath.of("example.com/b"))
                    .subList(0, Math.min(limit, 2)),
            upstream,
            store,
            bus,
            new PrefetchSettings(
                true,
                PrefetchSettings.DEFAULT_CRON,
                ZoneId.of("UTC"),
                2,
                List.of(ModulePath.of("example.com/c"), ModulePath.of("example.com/unknown")),
                2),
            OpenTelemetry.noop(),
            Clock.systemUTC());
    NightlyPrefetch.Report report = prefetch.run();

    assertThat(report.requested())
        .containsExactly(
            ModuleRef.of("example.com/a", "v1.2.0"),
            ModuleRef.of("example.com/a", "v1.1.0"),
            ModuleRef.of("example.com/b", "v0.1.0"),
            ModuleRef.of("example.com/c", "v1.0.0"));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (published.size() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(published).hasSize(4).allMatch(r -> r.source() == RequestSource.POPULAR);
  }

  @Test
  void asksLatestForAModuleWithoutTaggedVersions() {
    ModuleRef pseudo = ModuleRef.of("example.com/untagged", "v0.0.0-20260101000000-abcdefabcdef");
    upstream.add(
        ModuleBuilder.module(pseudo.path().value()).version(pseudo.version().value()).build());
    dev.modmirror.core.upstream.Upstream withLatest =
        new dev.modmirror.core.upstream.Upstream() {
          @Override
          public java.io.InputStream open(ModuleRef ref, Artifact artifact) {
            return upstream.open(ref, artifact);
          }

          @Override
          public List<dev.modmirror.core.module.ModuleVersion> list(ModulePath path) {
            return List.of(); // @v/list omits pseudo-versions
          }

          @Override
          public dev.modmirror.core.module.ModuleVersion latest(ModulePath path) {
            return pseudo.version();
          }

          @Override
          public String describe() {
            return "latest-only";
          }
        };
    NightlyPrefetch prefetch =
        new NightlyPrefetch(
            limit -> List.of(),
            withLatest,
            store,
            bus,
            new PrefetchSettings(
                true,
                PrefetchSettings.DEFAULT_CRON,
                ZoneId.of("UTC"),
                10,
                List.of(pseudo.path()),
                5),
            OpenTelemetry.noop(),
            Clock.systemUTC());
    assertThat(prefetch.run().requested()).containsExactly(pseudo);
  }

  @Test
  void goesOnWithTheListWhenDemandIsUnavailable() {
    upstream("example.com/c", "v1.0.0");
    List<ModuleRef> none = new ArrayList<>();
    NightlyPrefetch prefetch =
        new NightlyPrefetch(
            limit -> {
              throw new TransientException("streams rebalancing");
            },
            upstream,
            store,
            bus,
            new PrefetchSettings(
                true,
                PrefetchSettings.DEFAULT_CRON,
                ZoneId.of("UTC"),
                10,
                List.of(ModulePath.of("example.com/c")),
                5),
            OpenTelemetry.noop(),
            Clock.systemUTC());
    assertThat(prefetch.run().requested()).containsExactly(ModuleRef.of("example.com/c", "v1.0.0"));
    assertThat(none).isEmpty();
  }
}
