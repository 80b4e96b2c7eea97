package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up probe of conditional writes, on a store that honours them and one that does not. */
class ConditionalWritesIT {
  private static final S3Server HONEST = TestS3.newServer("probe-honest");
  private static final S3Server IGNORING = TestS3.newServerIgnoringConditionalWrites("probe-lax");

  @Test
  void aStoreWithAtomicConditionalWritesPassesAndKeepsNothingOfTheProbe() {
    MinioModuleStore.create("primary", config(HONEST, "probe-passes"));
    S3Bucket bucket = S3Bucket.of("primary", config(HONEST, "probe-passes"));

    assertThat(ConditionalWrites.probe(bucket)).isEmpty();
    assertThat(
            bucket
                .client()
                .listObjects(
                    io.minio.ListObjectsArgs.builder()
                        .bucket("probe-passes")
                        .prefix("_modmirror/")
                        .recursive(true)
                        .build())
                .iterator()
                .hasNext())
        .isFalse();
  }

  @Test
  void aStoreIgnoringConditionalWritesIsRefusedNamingTheProblemAndTheSetting() {
    S3Config config = config(IGNORING, "probe-refused");

    assertThatThrownBy(() -> MinioModuleStore.create("primary", config))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("If-None-Match: * replaced an existing key")
        .hasMessageContaining("MODMIRROR_S3_ALLOW_UNSAFE_CAS=true");
    assertThatThrownBy(() -> S3SumDbStateStore.create(config))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("does not honour conditional writes");
  }

  @Test
  void theUnsafeSettingRunsSuchAStoreWithConditionsDecidedInThisProcess() {
    S3Config config = config(IGNORING, "probe-allowed").withUnsafeCas(true);
    MinioModuleStore store = MinioModuleStore.create("primary", config);
    ModuleRef ref = ModuleRef.of("example.com/single-writer", "v1.0.0");

    assertThat(store.createInfo(ref, new byte[] {'{', '}'}, hashes("a"))).isTrue();
    assertThat(store.createInfo(ref, new byte[] {'[', ']'}, hashes("b"))).isFalse();
    assertThat(store.size(ref, Artifact.INFO)).contains(2L);
    assertThat(S3SumDbStateStore.create(config).compareAndSet("db", Optional.empty(), new byte[1]))
        .isTrue();
    // Conditions decided here hold for one process only: no create-only fast path on them.
    assertThat(store.createsAtomically(Artifact.ZIP, 1)).isFalse();
  }

  @Test
  void createOnlyWritesAreAtomicOnAnHonestStoreUpToOnePartOnly() {
    MinioModuleStore store = MinioModuleStore.create("primary", config(HONEST, "create-only"));

    assertThat(store.createsAtomically(Artifact.ZIP, S3Bucket.PART_SIZE)).isTrue();
    // In parts, the condition would be the multipart complete's: not taken.
    assertThat(store.createsAtomically(Artifact.ZIP, S3Bucket.PART_SIZE + 1)).isFalse();
    assertThat(store.createsAtomically(Artifact.ZIP, -1)).isFalse();
  }

  private static dev.modmirror.core.store.VersionHashes hashes(String tag) {
    return new dev.modmirror.core.store.VersionHashes("h1:" + tag + "=", "h1:mod-" + tag + "=");
  }

  private static S3Config config(S3Server server, String bucket) {
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), bucket, "us-east-1");
  }
}
