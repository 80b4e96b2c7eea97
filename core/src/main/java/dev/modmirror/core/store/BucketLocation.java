package dev.modmirror.core.store;

import java.util.Objects;

/**
 * Where a store's objects live, as far as a server-side copy cares: two stores on one endpoint
 * under one account can copy between their buckets on the server, without the bytes passing through
 * modmirror ({@link ModuleStore#copyOnServer}).
 *
 * @param endpoint the object store's API endpoint, as configured
 * @param account identifies the credentials: a digest of them, never the credentials themselves
 * @param bucket the bucket
 */
public record BucketLocation(String endpoint, String account, String bucket) {
  public BucketLocation {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(bucket, "bucket");
  }

  /** Whether objects of {@code source} can be copied into this location on the server. */
  public boolean copiesOnServerFrom(BucketLocation source) {
    return endpoint.equals(source.endpoint) && account.equals(source.account);
  }

  /** The endpoint and bucket; the account digest stays out of logs. */
  @Override
  public String toString() {
    return endpoint + "/" + bucket;
  }
}
