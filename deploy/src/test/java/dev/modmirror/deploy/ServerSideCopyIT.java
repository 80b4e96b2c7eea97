package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.BucketLocation;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicateVersion;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a region that is another bucket of the primary's endpoint, under the same credentials,
 * gets the zip copied on the server (nothing uploaded through the replicator), read back and
 * re-hashed before its {@code .info}; a region on another endpoint gets it streamed. A server-side
 * copy that does not hash to the recorded h1 (the primary's zip damaged at rest) is removed and the
 * version is left pending, never completed.
 */
class ServerSideCopyIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "example.com/ssc" + run + "/";
  private Path spool;
  private InMemoryEventBus bus;
  private ModuleStore primary;
  private CountingStore sameEndpoint;
  private CountingStore otherEndpoint;
  private ReplicatorConfig config;

  @BeforeEach
  void setUp() {
    spool = TempDirs.create("server-copy-");
    bus = InMemoryEventBus.create();
    S3Server shared = TestS3.newServer("ssc-" + run);
    S3Server other = TestS3.newServer("ssc-far-" + run);
    primary = MinioModuleStore.create("primary", bucket(shared, "ssc-primary-" + run));
    sameEndpoint =
        new CountingStore(MinioModuleStore.create("eu", bucket(shared, "ssc-eu-" + run)));
    otherEndpoint =
        new CountingStore(MinioModuleStore.create("us", bucket(other, "ssc-us-" + run)));
    config = new ReplicatorConfig(spool, 1, Duration.ofMillis(10), "ssc-" + run, 1);
  }

  @AfterEach
  void tearDown() {
    bus.close();
    TempDirs.deleteTree(spool);
  }

  @Test
  void aRegionOnThePrimarysEndpointGetsItsZipCopiedOnTheServerAndVerified() {
    // 12 MiB: uploaded in parts where it is streamed.
    BuiltModule m = module("big", 12 << 20);
    VersionWarmed warmed = ReplicaAudit.warm(primary, m, Instant.now());

    replicator(sameEndpoint).handle(warmed);
    replicator(otherEndpoint).handle(warmed);

    assertThat(sameEndpoint.serverCopies).hasValue(1);
    assertThat(sameEndpoint.zipUploads).as("zips uploaded through the replicator").hasValue(0);
    assertThat(otherEndpoint.serverCopies).hasValue(0);
    assertThat(otherEndpoint.zipUploads).hasValue(1);
    var expected = ReplicaAudit.contents(primary, prefix);
    assertThat(ReplicaAudit.contents(sameEndpoint, prefix)).isEqualTo(expected);
    assertThat(ReplicaAudit.contents(otherEndpoint, prefix)).isEqualTo(expected);
    assertThat(sameEndpoint.marker(m.ref())).isInstanceOf(CompletionMarker.Recorded.class);
  }

  @Test
  void aServerSideCopyThatDoesNotHashToTheRecordedH1IsRemovedAndLeftPending() {
    BuiltModule m = module("rotten", 64 << 10);
    VersionWarmed warmed = ReplicaAudit.warm(primary, m, Instant.now());
    // Damage at rest in the primary, after its .info recorded the hashes: other bytes, same name.
    byte[] other = module("rotten", 64 << 10, 7).zip();
    primary.put(m.ref(), Artifact.ZIP, new ByteArrayInputStream(other), other.length);

    replicator(sameEndpoint).handle(warmed);

    assertThat(sameEndpoint.serverCopies).hasValue(1);
    assertThat(sameEndpoint.stat(m.ref(), Artifact.ZIP)).as("the bad copy, removed").isEmpty();
    assertThat(sameEndpoint.marker(m.ref())).isInstanceOf(CompletionMarker.Missing.class);
    assertThat(primary.readRecord(ObjectKeys.unreplicated("eu", m.ref())))
        .as("left pending for reconcile")
        .isPresent();
  }

  private ReplicateVersion replicator(ModuleStore region) {
    return new ReplicateVersion(
        primary, region, bus, OpenTelemetry.noop(), config, Clock.systemUTC());
  }

  private BuiltModule module(String name, int payloadBytes) {
    return module(name, payloadBytes, 9);
  }

  private BuiltModule module(String name, int payloadBytes, long seed) {
    byte[] payload = new byte[payloadBytes];
    new Random(seed).nextBytes(payload);
    return ModuleBuilder.module(prefix + name)
        .version("v1.0.0")
        .file("a.go", "package a\n")
        .file("payload.bin", payload)
        .build();
  }

  private static S3Config bucket(S3Server server, String name) {
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), name, "us-east-1");
  }

  /** Counts how zips reach the region: uploaded through this process, or copied on the server. */
  private static final class CountingStore extends ForwardingModuleStore {
    final AtomicInteger zipUploads = new AtomicInteger();
    final AtomicInteger serverCopies = new AtomicInteger();

    CountingStore(ModuleStore delegate) {
      super(delegate);
    }

    @Override
    public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
      if (artifact == Artifact.ZIP) {
        zipUploads.incrementAndGet();
      }
      super.put(ref, artifact, content, length);
    }

    @Override
    public boolean copyOnServer(BucketLocation source, ModuleRef ref, Artifact artifact) {
      boolean copied = super.copyOnServer(source, ref, artifact);
      if (copied) {
        serverCopies.incrementAndGet();
      }
      return copied;
    }
  }
}
