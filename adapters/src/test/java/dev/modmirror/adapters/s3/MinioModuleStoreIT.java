package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.testkit.contract.ModuleStoreContract;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store contract against a real S3 server (S3Proxy, or MinIO in a container). */
class MinioModuleStoreIT extends ModuleStoreContract {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3Server server;
  private static MinioClient raw;

  private String bucket;
  private MinioModuleStore store;

  @BeforeAll
  static void startServer() {
    server = TestS3.newServer("store-it");
    raw =
        MinioClient.builder()
            .endpoint(server.endpoint().toString())
            .credentials(server.accessKey(), server.secretKey())
            .build();
  }

  @BeforeEach
  void freshBucket() {
    bucket = "contract-" + BUCKETS.incrementAndGet();
    store = MinioModuleStore.create("primary", config(server.secretKey(), bucket));
  }

  @Override
  protected ModuleStore store() {
    return store;
  }

  /** A store with its own client on the same bucket, as another replica builds it. */
  @Override
  protected ModuleStore anotherInstance() {
    return MinioModuleStore.create("primary", config(server.secretKey(), bucket));
  }

  @Override
  protected Set<String> rawKeys() {
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

  @Test
  void aListingReadsEveryPageAndOnlyTheNamesDirectlyUnderItsPrefix() throws Exception {
    store.putRecord("_modmirror/pending/deeper/k", new byte[] {'x'});
    for (int i = 0; i < 5; i++) {
      store.putRecord("_modmirror/pending/k" + i, new byte[] {'x'});
    }
    DirectRequests direct = MinioClients.direct(config(server.secretKey(), bucket));

    // Pages of two: three requests, each continuing where the last ended.
    assertThat(direct.names(bucket, "_modmirror/pending/", 2))
        .containsExactly(
            "_modmirror/pending/k0",
            "_modmirror/pending/k1",
            "_modmirror/pending/k2",
            "_modmirror/pending/k3",
            "_modmirror/pending/k4");
  }

  @Test
  void aListingWithAWrongSecretIsPermanent() {
    assertThatThrownBy(
            () ->
                S3Bucket.forTests("denied", bucket, raw, config("wrong-secret", bucket))
                    .namesUnder("x/@v/", "x"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("list " + bucket + "/x/@v/");
  }

  @Test
  void createIsIdempotentOnAnExistingBucket() {
    ModuleRef ref = ModuleRef.of("example.com/again", "v1.0.0");
    store.put(ref, Artifact.MOD, new ByteArrayInputStream(new byte[] {'x'}), 1);

    MinioModuleStore again = MinioModuleStore.create("primary", config(server.secretKey(), bucket));

    assertThat(again.size(ref, Artifact.MOD)).contains(1L);
  }

  @Test
  void aWrongSecretIsPermanent() {
    ModuleRef ref = ModuleRef.of("example.com/denied", "v1.0.0");

    assertThatThrownBy(() -> MinioModuleStore.create("primary", config("wrong-secret", bucket)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("store primary")
        .hasMessageNotContaining("wrong-secret");
    assertThat(rawKeys()).isEmpty();
    MinioModuleStore denied = deniedStoreOnExistingBucket();
    assertThatThrownBy(() -> denied.open(ref, Artifact.ZIP))
        .isInstanceOf(PermanentException.class)
        .satisfies(e -> assertThat(((PermanentException) e).module()).contains(ref.path().value()))
        .satisfies(e -> assertThat(((PermanentException) e).version()).contains("v1.0.0"));
  }

  @Test
  void everyDirectRequestWithAWrongSecretIsPermanentAndNamesNoSecret() {
    ModuleRef ref = ModuleRef.of("example.com/Denied/X", "v1.0.0-RC");
    MinioModuleStore denied = deniedStoreOnExistingBucket();

    // HEAD (a 403 without a body), GET (an XML error) and PUT, each signed by SigV4 here.
    for (ThrowingCallable request :
        List.<ThrowingCallable>of(
            () -> denied.marker(ref),
            () -> denied.readInfo(ref),
            () -> denied.put(ref, Artifact.MOD, new ByteArrayInputStream(new byte[] {'x'}), 1))) {
      assertThatThrownBy(request)
          .isInstanceOf(PermanentException.class)
          .hasMessageContaining("store denied")
          .hasMessageNotContaining("wrong-secret")
          .satisfies(
              e -> assertThat(((PermanentException) e).module()).contains(ref.path().value()));
    }
  }

  @Test
  void anUnreachableServerIsTransient() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    S3Config nowhere =
        new S3Config(
            URI.create("http://127.0.0.1:" + closedPort), "key", "secret", "nowhere", null);

    assertThatThrownBy(() -> MinioModuleStore.create("primary", nowhere))
        .isInstanceOf(TransientException.class);
  }

  /** A store whose bucket check passed with good keys, then used with a bad secret. */
  private MinioModuleStore deniedStoreOnExistingBucket() {
    MinioClient denied =
        MinioClient.builder()
            .endpoint(server.endpoint().toString())
            .credentials(server.accessKey(), "wrong-secret")
            .build();
    return MinioModuleStore.forTests("denied", bucket, denied, config("wrong-secret", bucket));
  }

  private static S3Config config(String secret, String bucket) {
    return new S3Config(server.endpoint(), server.accessKey(), secret, bucket, null);
  }
}
