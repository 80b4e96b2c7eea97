package dev.modmirror.adapters.s3;

import dev.modmirror.core.sumdb.SumDbStateStore;
import dev.modmirror.testkit.contract.SumDbStateStoreContract;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;

/**
 * The checksum-database state on a store that ignores conditional writes, run as {@code
 * MODMIRROR_S3_ALLOW_UNSAFE_CAS=true} allows: within one process the contract holds, separate
 * instances racing included, because the adapters decide the conditions under a process-wide lock.
 */
class UnsafeCasS3SumDbStateStoreIT extends SumDbStateStoreContract {
  private static final S3Server SERVER = TestS3.newServerIgnoringConditionalWrites("unsafe-cas");
  private static int buckets;

  private final S3Config config = nextBucket();
  private final SumDbStateStore store = create(config);

  @Override
  protected SumDbStateStore store() {
    return store;
  }

  @Override
  protected SumDbStateStore anotherInstance() {
    return S3SumDbStateStore.create(config);
  }

  private static SumDbStateStore create(S3Config config) {
    MinioModuleStore.create("primary", config); // creates the bucket
    return S3SumDbStateStore.create(config);
  }

  private static synchronized S3Config nextBucket() {
    return new S3Config(
            SERVER.endpoint(),
            SERVER.accessKey(),
            SERVER.secretKey(),
            "unsafe-cas-" + (buckets++),
            "us-east-1")
        .withUnsafeCas(true);
  }
}
