package dev.modmirror.core.store;

import java.util.Objects;

/**
 * What a reader learns of a stored object without its bytes.
 *
 * @param size the exact byte count
 * @param etag an opaque tag that changes whenever the bytes change (an S3 ETag, unquoted); equal
 *     tags in one store mean equal bytes, but tags are not comparable across stores
 */
public record ObjectStat(long size, String etag) {
  public ObjectStat {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Objects.requireNonNull(etag, "etag");
    if (etag.isEmpty() || etag.indexOf('"') >= 0) {
      throw new IllegalArgumentException("etag must be non-empty and unquoted: " + etag);
    }
  }
}
