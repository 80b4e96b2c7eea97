package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.sumdb.SumDbStateStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps the newest verified checksum-database tree note in a bucket, so that fork detection spans
 * restarts and every replica: all warmers advance one shared note, and one that sees a tree
 * inconsistent with it refuses to trust the database.
 *
 * <p>The key is {@value #PREFIX}{@code <name>/latest}. Its first element has no dot, so no module
 * path can produce it and it never collides with the GOPROXY tree. Compare-and-set is an S3
 * conditional PUT ({@code If-Match} on the ETag read, {@code If-None-Match: *} when absent), atomic
 * across processes on AWS S3, MinIO and the embedded S3; {@link #create} proves the store honours
 * it ({@link ConditionalWrites}). Thread-safe.
 */
public final class S3SumDbStateStore implements SumDbStateStore {
  static final String PREFIX = "_modmirror/sumdb/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
  private static final int MAX_NOTE_BYTES = 64 * 1024;

  private final S3Bucket bucket;

  private S3SumDbStateStore(S3Bucket bucket) {
    this.bucket = bucket;
  }

  /**
   * A store in {@code config}'s bucket, which must exist (the module store creates it).
   *
   * @throws dev.modmirror.core.error.PermanentException if the store does not honour conditional
   *     writes atomically and the config does not allow that
   */
  public static S3SumDbStateStore create(S3Config config) {
    return new S3SumDbStateStore(
        ConditionalWrites.require(S3Bucket.of("sumdb-state", config), config));
  }

  @Override
  public Optional<byte[]> latest(String name) {
    return read(name).map(S3Bucket.Read::bytes);
  }

  @Override
  public boolean compareAndSet(String name, Optional<byte[]> expected, byte[] next) {
    Optional<S3Bucket.Read> current = read(name);
    if (expected.isPresent() != current.isPresent()
        || (current.isPresent() && !Arrays.equals(current.get().bytes(), expected.get()))) {
      return false;
    }
    Map<String, String> condition =
        current
            .map(c -> Map.of("If-Match", "\"" + c.etag() + "\""))
            .orElse(Map.of("If-None-Match", "*"));
    // A 412 means another writer advanced it between our read and our write.
    return bucket.putIf(condition, key(name), next, "text/plain; charset=utf-8", Map.of(), null);
  }

  private Optional<S3Bucket.Read> read(String name) {
    String key = key(name);
    return bucket.read(
        key,
        MAX_NOTE_BYTES,
        null,
        m -> new InvalidInputException(key + " is larger than a signed tree note can be"));
  }

  private static String key(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException("checksum database name not usable in a key: " + name);
    }
    return PREFIX + name + "/latest";
  }
}
