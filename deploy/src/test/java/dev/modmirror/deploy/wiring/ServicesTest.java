package dev.modmirror.deploy.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.replicator.ReplicatorService;
import dev.modmirror.testkit.memory.InMemoryDedupe;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import dev.modmirror.warmer.WarmerConfig;
import dev.modmirror.warmer.WarmerService;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one assembly over in-memory parts: no server, so it runs with the fast tests. */
class ServicesTest {
  @TempDir Path spool;
  private final InMemoryEventBus bus = InMemoryEventBus.create();

  @AfterEach
  void closeBus() {
    bus.close();
  }

  @Test
  void aMirrorWarmsARequirementIntoThePrimaryAndEveryRegion() throws Exception {
    BuiltModule module =
        ModuleBuilder.module("example.com/assembled")
            .version("v1.0.0")
            .file("a.go", "package a\n")
            .build();
    InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
    List<ModuleStore> regions =
        List.of(InMemoryModuleStore.create("eu"), InMemoryModuleStore.create("us"));
    Parts parts =
        Parts.of(
            bus,
            primary,
            regions,
            InMemoryUpstream.create().add(module),
            ChecksumPolicy.off(),
            OpenTelemetry.noop(),
            Clock.systemUTC());
    BlockingQueue<RegionReplicated> copies = new LinkedBlockingQueue<>();
    bus.subscribe(Topics.REPLICATED, "test", copies::add);

    // The warmer reads the warm lanes: the dedupe stage forwards the requests there.
    try (InMemoryDedupe dedupe = InMemoryDedupe.start(bus);
        Mirror mirror =
            Services.over(parts)
                .startMirror(WarmerConfig.defaults(spool), ReplicatorConfig.defaults(spool))) {
      assertThat(mirror.ingest().ingest("app/go.mod", goMod(module.ref())))
          .containsExactly(module.ref());
      for (int region = 0; region < regions.size(); region++) {
        // A hang guard only: the copies arrive in milliseconds.
        RegionReplicated copy = copies.poll(60, TimeUnit.SECONDS);
        assertThat(copy).isNotNull();
        assertThat(copy.ok()).as(copy.toString()).isTrue();
      }
    }
    for (ModuleStore store : List.of(primary, regions.get(0), regions.get(1))) {
      assertThat(store.size(module.ref(), Artifact.INFO)).as(store.name()).isPresent();
      assertThat(store.readList(module.ref().path())).contains("v1.0.0\n");
    }
  }

  @Test
  void eachServiceAsksOnlyForThePartsItUses() {
    Parts onlyBus = new PartsWithout(bus, "primary", "regions", "upstream", "checksums");
    assertThat(Services.over(onlyBus).ingestGoMod()).isNotNull();

    Parts noRegions = new PartsWithout(bus, "regions");
    try (WarmerService warmer =
        Services.over(noRegions).startWarmer(WarmerConfig.defaults(spool))) {
      assertThat(warmer).isNotNull();
    }

    Parts noUpstream = new PartsWithout(bus, "upstream", "checksums");
    try (ReplicatorService replicator =
        Services.over(noUpstream).startReplicator(ReplicatorConfig.defaults(spool))) {
      assertThat(replicator).isNotNull();
    }
  }

  private static String goMod(ModuleRef ref) {
    return "module example.com/app\n\ngo 1.21\n\nrequire "
        + ref.path()
        + " "
        + ref.version()
        + "\n";
  }

  /** Parts whose named accessors fail, as a lazy adapter would if it had to contact a server. */
  private record PartsWithout(EventBus bus, List<String> missing) implements Parts {
    PartsWithout(EventBus bus, String... missing) {
      this(bus, List.of(missing));
    }

    private <T> T part(String name, T value) {
      if (missing.contains(name)) {
        throw new AssertionError("the service asked for " + name + ", which it does not use");
      }
      return value;
    }

    @Override
    public ModuleStore primary() {
      return part("primary", InMemoryModuleStore.create("primary"));
    }

    @Override
    public List<ModuleStore> regions() {
      return part("regions", List.of(InMemoryModuleStore.create("eu")));
    }

    @Override
    public Upstream upstream() {
      return part("upstream", InMemoryUpstream.create());
    }

    @Override
    public ChecksumPolicy checksums() {
      return part("checksums", ChecksumPolicy.off());
    }

    @Override
    public OpenTelemetry telemetry() {
      return OpenTelemetry.noop();
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }
  }
}
