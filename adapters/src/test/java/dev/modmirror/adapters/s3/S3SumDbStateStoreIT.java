package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.adapters.sumdb.HttpSumDbTransport;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.sumdb.NoteVerifier;
import dev.modmirror.core.sumdb.SumDbClient;
import dev.modmirror.core.sumdb.SumDbForkException;
import dev.modmirror.core.sumdb.SumDbStateStore;
import dev.modmirror.testkit.contract.SumDbStateStoreContract;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.testkit.sumdb.FakeSumDb;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checksum-database state on real S3: conditional PUTs, shared by restarts and replicas. */
class S3SumDbStateStoreIT extends SumDbStateStoreContract {
  private static final S3Server SERVER = TestS3.newServer("sumdb-state");
  private static int buckets;

  private final S3Config config = nextBucket();
  // Creates the bucket, as the warmer's module store does before the state store is used.
  private final ModuleStore modules = MinioModuleStore.create("primary", config);
  private final SumDbStateStore store = S3SumDbStateStore.create(config);

  @Override
  protected SumDbStateStore store() {
    return store;
  }

  /** A store with its own client on the same bucket, as another warmer replica builds it. */
  @Override
  protected SumDbStateStore anotherInstance() {
    return S3SumDbStateStore.create(config);
  }

  @Test
  void keepsItsNoteUnderAKeyNoModulePathCanProduce() {
    assertThat(store.compareAndSet("db.example", Optional.empty(), new byte[] {1})).isTrue();

    // The module store only writes keys under checked module paths; none of these is one.
    String key = S3SumDbStateStore.PREFIX + "db.example/latest";
    for (int slash = key.indexOf('/'); slash > 0; slash = key.indexOf('/', slash + 1)) {
      assertThat(ModulePaths.isValidPath(key.substring(0, slash))).as(key).isFalse();
    }
    assertThat(ModulePaths.isValidPath(key)).isFalse();
  }

  @Test
  void detectsAForkSeenAfterARestartOfTheWarmer() {
    try (FakeSumDb db = FakeSumDb.start()) {
      for (int i = 0; i < 20; i++) {
        db.add(ref(i), "h1:" + "z".repeat(43) + "=", "h1:" + "m".repeat(43) + "=");
      }
      client(db).lookup(ref(19));

      // A new process: nothing in memory, only the bucket remembers what was verified.
      db.forkAt(5);
      db.add(ref(20), "h1:" + "z".repeat(43) + "=", "h1:" + "m".repeat(43) + "=");
      assertThatThrownBy(() -> client(db).lookup(ref(20))).isInstanceOf(SumDbForkException.class);
    }
  }

  private SumDbClient client(FakeSumDb db) {
    return new SumDbClient(
        NoteVerifier.parse(db.verifierKey()),
        new HttpSumDbTransport(
            db.url(), HttpSumDbTransport.newClient(Duration.ofSeconds(5)), Duration.ofSeconds(5)),
        S3SumDbStateStore.create(config));
  }

  private static ModuleRef ref(int i) {
    return ModuleRef.of("example.com/m" + i, "v1.0." + i);
  }

  private static synchronized S3Config nextBucket() {
    return new S3Config(
        SERVER.endpoint(),
        SERVER.accessKey(),
        SERVER.secretKey(),
        "sumdb-state-" + (buckets++),
        "us-east-1");
  }
}
