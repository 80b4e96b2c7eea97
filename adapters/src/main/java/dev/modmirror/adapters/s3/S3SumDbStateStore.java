package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.sumdb.SumDbStateStore;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
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
 * conditional PUT ({@code If-Match} on the ETag read, {@code If-None-Match: *} when absent), which
 * AWS S3, MinIO and S3Proxy all honour with 412 Precondition Failed.
 */
public final class S3SumDbStateStore implements SumDbStateStore {
  static final String PREFIX = "_modmirror/sumdb/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
  private static final int MAX_NOTE_BYTES = 64 * 1024;

  private final MinioClient client;
  private final String bucket;

  private S3SumDbStateStore(MinioClient client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  /** A store in {@code config}'s bucket, which must exist (the module store creates it). */
  public static S3SumDbStateStore create(S3Config config) {
    return new S3SumDbStateStore(MinioClients.create(config), config.bucket());
  }

  @Override
  public Optional<byte[]> latest(String name) {
    return read(name).map(Current::note);
  }

  @Override
  public synchronized boolean compareAndSet(String name, Optional<byte[]> expected, byte[] next) {
    Optional<Current> current = read(name);
    if (expected.isPresent() != current.isPresent()
        || (current.isPresent() && !Arrays.equals(current.get().note(), expected.get()))) {
      return false;
    }
    Map<String, String> condition =
        current.map(c -> Map.of("If-Match", c.etag())).orElse(Map.of("If-None-Match", "*"));
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key(name)).stream(
                  new ByteArrayInputStream(next), next.length, -1)
              .headers(condition)
              .contentType("text/plain; charset=utf-8")
              .build());
      return true;
    } catch (ErrorResponseException e) {
      if (e.response() != null && e.response().code() == 412) {
        return false; // another writer advanced it between our read and our write
      }
      throw S3Errors.translate(e, "put " + key(name), null, null);
    } catch (Exception e) {
      throw S3Errors.translate(e, "put " + key(name), null, null);
    }
  }

  private Optional<Current> read(String name) {
    String key = key(name);
    try (GetObjectResponse response =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      byte[] note = response.readNBytes(MAX_NOTE_BYTES + 1);
      if (note.length > MAX_NOTE_BYTES) {
        throw new InvalidInputException(key + " is larger than a signed tree note can be");
      }
      return Optional.of(new Current(note, response.headers().get("ETag")));
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, "get " + key, null, null);
    }
  }

  private static String key(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException("checksum database name not usable in a key: " + name);
    }
    return PREFIX + name + "/latest";
  }

  private record Current(byte[] note, String etag) {}
}
