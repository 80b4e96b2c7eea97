package dev.modmirror.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of a bucket listing ({@link ModuleStore#listKeys}): what S3's ListObjectsV2 says of
 * each key, without a request per object.
 *
 * @param key the object key
 * @param size the exact byte count
 * @param etag the store's entity tag, unquoted; equal tags in two stores mean equal bytes only when
 *     both were written the same way (modmirror writes a version's files the same way everywhere),
 *     so a differing tag is a reason to re-hash, never proof of damage
 * @param lastModified when the object was written
 */
public record ListedKey(String key, long size, String etag, Instant lastModified) {
  public ListedKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
