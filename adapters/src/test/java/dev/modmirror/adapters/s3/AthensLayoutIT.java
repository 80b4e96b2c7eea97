package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.AthensLayout;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Athens layouts are a contract with Athens: a bucket written by modmirror with them is read
 * back the way Athens v0.18.0's MinIO and S3 storage read it ({@link AthensReaders}, ported from
 * its source), with the exact keys pinned, upper case decoded, nested major versions kept apart,
 * and nothing listed for a version whose save did not complete.
 */
class AthensLayoutIT {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static final ModuleRef UPPER = ModuleRef.of("github.com/Azure/Go-Thing", "v1.2.0-Beta");
  private static final ModuleRef LOWER = ModuleRef.of("example.com/lower", "v0.1.0");
  private static final ModuleRef NESTED = ModuleRef.of("example.com/lower/v2", "v2.0.0");
  private static S3Server server;
  private static MinioClient raw;

  private String bucket;
  private MinioModuleStore store;

  @BeforeAll
  static void startServer() {
    server = TestS3.newServer("athens");
    raw =
        MinioClient.builder()
            .endpoint(server.endpoint().toString())
            .credentials(server.accessKey(), server.secretKey())
            .build();
  }

  @BeforeEach
  void bucketWithBothAthensLayouts() {
    bucket = "athens-" + BUCKETS.incrementAndGet();
    store = MinioModuleStore.create("primary", config(AthensLayout.parse("s3,minio")));
  }

  @Test
  void athensMinioStorageListsAndServesWhatWasSaved() throws Exception {
    for (ModuleRef ref : List.of(UPPER, LOWER, NESTED)) {
      save(store, ref);
    }
    AthensReaders.Reader athens = AthensReaders.minio(raw, bucket);

    assertThat(athens.list("github.com/Azure/Go-Thing")).containsExactly("v1.2.0-Beta");
    assertThat(athens.list("example.com/lower")).containsExactly("v0.1.0");
    assertThat(athens.list("example.com/lower/v2")).containsExactly("v2.0.0");
    for (ModuleRef ref : List.of(UPPER, LOWER, NESTED)) {
      String module = ref.path().value();
      String version = ref.version().value();
      assertThat(athens.exists(module, version)).as(ref.toString()).isTrue();
      assertThat(athens.info(module, version)).contains(info(ref));
      assertThat(athens.goMod(module, version)).contains(mod(ref));
      assertThat(athens.zip(module, version)).contains(zip(ref));
    }
  }

  @Test
  void athensS3StorageListsAndServesWhatWasSaved() throws Exception {
    for (ModuleRef ref : List.of(UPPER, LOWER, NESTED)) {
      save(store, ref);
    }
    AthensReaders.Reader athens = AthensReaders.s3(raw, bucket);

    assertThat(athens.list("github.com/Azure/Go-Thing")).containsExactly("v1.2.0-Beta");
    assertThat(athens.list("example.com/lower")).containsExactly("v0.1.0");
    for (ModuleRef ref : List.of(UPPER, LOWER, NESTED)) {
      String module = ref.path().value();
      String version = ref.version().value();
      assertThat(athens.exists(module, version)).as(ref.toString()).isTrue();
      assertThat(athens.info(module, version)).contains(info(ref));
      assertThat(athens.goMod(module, version)).contains(mod(ref));
      assertThat(athens.zip(module, version)).contains(zip(ref));
    }
  }

  @Test
  void theKeysAreExactlyTheGoproxyTreeAndAthensTwoLayouts() {
    save(store, UPPER);

    assertThat(rawKeys())
        .containsExactlyInAnyOrder(
            "github.com/!azure/!go-!thing/@v/v1.2.0-!beta.mod",
            "github.com/!azure/!go-!thing/@v/v1.2.0-!beta.zip",
            "github.com/!azure/!go-!thing/@v/v1.2.0-!beta.info",
            "github.com/!azure/!go-!thing/@v/list",
            "github.com/Azure/Go-Thing/@v/v1.2.0-Beta.mod",
            "github.com/Azure/Go-Thing/@v/v1.2.0-Beta.zip",
            "github.com/Azure/Go-Thing/@v/v1.2.0-Beta.info",
            "github.com/Azure/Go-Thing/v1.2.0-Beta/go.mod",
            "github.com/Azure/Go-Thing/v1.2.0-Beta/source.zip",
            "github.com/Azure/Go-Thing/v1.2.0-Beta/v1.2.0-Beta.info");
  }

  @Test
  void aSaveThatFailsBeforeItsInfoListsNothingInAnyLayout() throws Exception {
    ModuleRef ref = ModuleRef.of("example.com/lower", "v0.2.0");
    MinioModuleStore failingLate = store;
    assertThatThrownBy(
            () ->
                failingLate.save(
                    ref,
                    new VersionFiles(
                        mod(ref),
                        new FailingAfter(zip(ref), 10),
                        zip(ref).length,
                        info(ref),
                        hashes(ref))))
        .isInstanceOf(TransientException.class);

    assertThat(AthensReaders.minio(raw, bucket).list("example.com/lower")).isEmpty();
    assertThat(AthensReaders.s3(raw, bucket).list("example.com/lower")).isEmpty();
    assertThat(AthensReaders.minio(raw, bucket).exists("example.com/lower", "v0.2.0")).isFalse();
  }

  @Test
  void aLayoutEnabledLaterIsFilledWhenAStoredVersionIsSavedAgain() throws Exception {
    MinioModuleStore plain = MinioModuleStore.create("primary", config(List.of()));
    save(plain, UPPER);
    assertThat(AthensReaders.minio(raw, bucket).exists("github.com/Azure/Go-Thing", "v1.2.0-Beta"))
        .isFalse();

    SaveOutcome again = save(store, UPPER);

    assertThat(again).isInstanceOf(SaveOutcome.AlreadyPresent.class);
    assertThat(AthensReaders.minio(raw, bucket).exists("github.com/Azure/Go-Thing", "v1.2.0-Beta"))
        .isTrue();
    assertThat(AthensReaders.s3(raw, bucket).zip("github.com/Azure/Go-Thing", "v1.2.0-Beta"))
        .contains(zip(UPPER));
  }

  private static SaveOutcome save(MinioModuleStore target, ModuleRef ref) {
    return target.save(
        ref,
        new VersionFiles(
            mod(ref), new ByteArrayInputStream(zip(ref)), zip(ref).length, info(ref), hashes(ref)));
  }

  private static byte[] mod(ModuleRef ref) {
    return ("module " + ref.path() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] zip(ModuleRef ref) {
    return ("zip of " + ref).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] info(ModuleRef ref) {
    return ("{\"Version\":\"" + ref.version() + "\",\"Time\":\"2026-11-25T00:00:00Z\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Stand-in hashes: the store records them, it does not recompute them. */
  private static VersionHashes hashes(ModuleRef ref) {
    String tag = ref.toString().replaceAll("[^A-Za-z0-9]", "_");
    return new VersionHashes("h1:" + tag + "=", "h1:mod_" + tag + "=");
  }

  private Set<String> rawKeys() {
    Set<String> keys = new TreeSet<>();
    for (Result<Item> result :
        raw.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
      try {
        keys.add(result.get().objectName());
      } catch (Exception e) {
        throw new AssertionError("listing " + bucket + " failed", e);
      }
    }
    return keys;
  }

  private S3Config config(List<AthensLayout> layouts) {
    return new S3Config(server.endpoint(), server.accessKey(), server.secretKey(), bucket, null)
        .withAthensLayouts(layouts);
  }

  /** A stream that breaks after {@code good} bytes, as a dropped upstream connection does. */
  private static final class FailingAfter extends InputStream {
    private final byte[] bytes;
    private final int good;
    private int position;

    FailingAfter(byte[] bytes, int good) {
      this.bytes = bytes;
      this.good = good;
    }

    @Override
    public int read() throws IOException {
      if (position >= good) {
        throw new IOException("connection reset");
      }
      return bytes[position++] & 0xff;
    }
  }
}
