package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.BucketLocation;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object operations the S3 adapters share, on one bucket through the MinIO SDK, with vendor
 * errors translated at this edge ({@link S3Errors}) and each message naming the store, the
 * operation and the key. Conditional PUTs answer false when their condition does not hold (412); a
 * 409 (a conditional write racing another on the same key, as AWS S3 answers) is transient.
 * Thread-safe.
 */
final class S3Bucket {
  private static final Logger LOG = LoggerFactory.getLogger(S3Bucket.class);

  /** The part size for streams of unknown length: S3's minimum, so memory stays at one part. */
  static final long PART_SIZE = 5L * 1024 * 1024;

  private static final int PRECONDITION_FAILED = 412;
  private static final int CONDITIONAL_CONFLICT = 409;
  private static final String META = "x-amz-meta-";

  /** The most keys one multi-object delete takes. */
  private static final int MAX_DELETE = 1000;

  private static final int LOCAL_STRIPES = 256;
  private static final Object[] LOCAL_LOCKS = new Object[LOCAL_STRIPES];

  static {
    Arrays.setAll(LOCAL_LOCKS, i -> new Object());
  }

  private final String store;
  private final String endpoint;
  private final String account;
  private final String bucket;
  private final MinioClient client;
  private final DirectRequests direct;
  private final boolean localConditions;

  private S3Bucket(
      String store,
      String endpoint,
      String account,
      String bucket,
      MinioClient client,
      DirectRequests direct,
      boolean localConditions) {
    this.store = store;
    this.endpoint = endpoint;
    this.account = account;
    this.bucket = bucket;
    this.client = client;
    this.direct = direct;
    this.localConditions = localConditions;
  }

  /** The bucket of {@code config}, evaluating conditional writes on the store. */
  static S3Bucket of(String store, S3Config config) {
    return new S3Bucket(
        store,
        config.endpoint().toString(),
        account(config),
        config.bucket(),
        MinioClients.create(config),
        MinioClients.direct(config),
        false);
  }

  /** A bucket through a given client (and a listing client of {@code config}), for tests. */
  static S3Bucket forTests(String store, String bucket, MinioClient client, S3Config config) {
    return new S3Bucket(store, "test", "test", bucket, client, MinioClients.direct(config), false);
  }

  /** This bucket with conditional writes evaluated in this process (a single writer only). */
  S3Bucket withLocalConditions() {
    return new S3Bucket(store, endpoint, account, bucket, client, direct, true);
  }

  /** Where this bucket is, for server-side copies between buckets of one endpoint and account. */
  BucketLocation location() {
    return new BucketLocation(endpoint, account, bucket);
  }

  /**
   * Identifies the credentials without holding them: a SHA-256 of the access key, the secret and
   * the signing region, so that only stores whose requests the same server would sign and accept
   * alike copy between each other on the server.
   */
  private static String account(S3Config config) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(config.accessKey(), config.secretKey(), config.region())) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The S3 API endpoint, as configured. */
  String endpoint() {
    return endpoint;
  }

  String name() {
    return bucket;
  }

  MinioClient client() {
    return client;
  }

  /** An object's size, ETag and user metadata (keys lower-case, without {@code x-amz-meta-}). */
  record Stat(long size, String etag, Map<String, String> metadata) {}

  /** A small object read whole, with its ETag and user metadata. */
  record Read(byte[] bytes, String etag, Map<String, String> metadata) {}

  /**
   * Writes unconditionally; {@code length} -1 uploads in parts.
   *
   * <p>If the calling thread is interrupted (a deadline, a shutdown), the upload is abandoned: the
   * SDK goes on in its own threads, so the content stream is made to fail, which makes it abort the
   * multipart upload instead of completing an object nobody waits for.
   */
  void put(
      String key,
      InputStream content,
      long length,
      String contentType,
      Map<String, String> metadata,
      ModuleRef ref) {
    if (length >= 0 && length <= PART_SIZE) {
      // One part: the SDK would buffer it whole too (see DirectRequests for why not through it).
      putBytes(
          key, readExactly(content, (int) length, key, ref), contentType, metadata, Map.of(), ref);
      return;
    }
    AbandonableStream stream = new AbandonableStream(content);
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  stream, length, length < 0 ? PART_SIZE : -1)
              .userMetadata(metadata)
              .contentType(contentType)
              .build());
    } catch (Exception e) {
      if (S3Errors.interrupted(e)) {
        stream.abandon();
        Thread.currentThread().interrupt();
        LOG.info("store {}: upload of {} abandoned (interrupted)", store, key);
      }
      throw translate(e, "put", key, ref);
    }
  }

  private byte[] readExactly(InputStream content, int length, String key, ModuleRef ref) {
    try {
      byte[] bytes = content.readNBytes(length);
      if (bytes.length < length) {
        throw new IOException(
            "the content ended after " + bytes.length + " of " + length + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw translate(e, "put", key, ref);
    }
  }

  /**
   * One PUT of bytes in hand ({@link DirectRequests#put}).
   *
   * @throws Exception as the SDK throws it; 412 and 409 are the caller's to read
   */
  private void putDirect(
      String key,
      byte[] bytes,
      String contentType,
      Map<String, String> metadata,
      Map<String, String> condition)
      throws Exception {
    Map<String, String> headers = new HashMap<>(condition);
    metadata.forEach((name, value) -> headers.put(META + name, value));
    direct.put(bucket, key, bytes, contentType, headers);
  }

  /** {@link #putDirect} with every failure translated; an interrupt stays set. */
  private void putBytes(
      String key,
      byte[] bytes,
      String contentType,
      Map<String, String> metadata,
      Map<String, String> condition,
      ModuleRef ref) {
    try {
      putDirect(key, bytes, contentType, metadata, condition);
    } catch (Exception e) {
      if (S3Errors.interrupted(e)) {
        Thread.currentThread().interrupt();
      }
      throw translate(e, "put", key, ref);
    }
  }

  /**
   * Writes {@code bytes} only if {@code condition} holds ({@code If-None-Match: *} or {@code
   * If-Match: <etag>}).
   *
   * @return false if it did not (nothing written)
   */
  boolean putIf(
      Map<String, String> condition,
      String key,
      byte[] bytes,
      String contentType,
      Map<String, String> metadata,
      ModuleRef ref) {
    if (localConditions) {
      synchronized (
          LOCAL_LOCKS[Math.floorMod((endpoint + bucket + key).hashCode(), LOCAL_STRIPES)]) {
        if (!holds(condition, stat(key, ref))) {
          return false;
        }
        put(key, new ByteArrayInputStream(bytes), bytes.length, contentType, metadata, ref);
        return true;
      }
    }
    try {
      putDirect(key, bytes, contentType, metadata, condition);
      return true;
    } catch (ErrorResponseException e) {
      int status = e.response() == null ? 0 : e.response().code();
      if (status == PRECONDITION_FAILED) {
        return false;
      }
      if (status == CONDITIONAL_CONFLICT) {
        throw new TransientException(what("put", key) + ": concurrent conditional write", ref, e);
      }
      throw translate(e, "put", key, ref);
    } catch (Exception e) {
      if (S3Errors.interrupted(e)) {
        Thread.currentThread().interrupt();
      }
      throw translate(e, "put", key, ref);
    }
  }

  /**
   * Whether {@code If-None-Match: *} on a PUT of {@code length} bytes is decided by the server,
   * atomically across processes: not when this process decides conditions ({@link
   * S3Config#allowUnsafeCas()}), nor for an upload in parts (the condition would be on the
   * multipart complete, not proven on every server we test with).
   */
  boolean createsAtomically(long length) {
    return !localConditions && length >= 0 && length <= PART_SIZE;
  }

  /**
   * One PUT of {@code length} bytes read from {@code content}, only if no object is at {@code key}
   * ({@code If-None-Match: *}).
   *
   * @return false if one was (nothing written)
   */
  boolean putIfAbsent(
      String key, InputStream content, long length, String contentType, ModuleRef ref) {
    if (!createsAtomically(length)) {
      throw new UnsupportedOperationException(
          what("put", key) + ": no atomic create-only write of " + length + " bytes");
    }
    byte[] bytes = readExactly(content, (int) length, key, ref);
    return putIf(Map.of("If-None-Match", "*"), key, bytes, contentType, Map.of(), ref);
  }

  private static boolean holds(Map<String, String> condition, Optional<Stat> current) {
    String ifNoneMatch = condition.get("If-None-Match");
    String ifMatch = condition.get("If-Match");
    if ("*".equals(ifNoneMatch) && current.isPresent()) {
      return false;
    }
    return ifMatch == null
        || (current.isPresent() && unquoted(ifMatch).equals(current.get().etag()));
  }

  /** The object's metadata, or empty if it does not exist. */
  Optional<Stat> stat(String key, ModuleRef ref) {
    try {
      Headers headers = direct.head(bucket, key);
      return Optional.of(
          new Stat(length(headers, key, ref), unquoted(headers.get("ETag")), meta(headers)));
    } catch (PermanentException e) {
      throw e;
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw translate(e, "stat", key, ref);
    }
  }

  /**
   * Opens the object for streaming with its size and ETag from the same answer, or empty if it does
   * not exist. The caller closes it.
   */
  Optional<StoredObject> read(String key, ModuleRef ref) {
    try {
      Response response = direct.get(bucket, key);
      String length = response.header("Content-Length");
      String etag = response.header("ETag");
      if (length == null || etag == null) {
        response.close();
        throw new PermanentException(
            what("get", key) + ": no Content-Length or ETag in the answer", ref);
      }
      return Optional.of(
          new StoredObject(
              response.body().byteStream(),
              new ObjectStat(Long.parseLong(length), unquoted(etag))));
    } catch (PermanentException e) {
      throw e;
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw translate(e, "get", key, ref);
    }
  }

  /** Opens the object for streaming, or empty if it does not exist. The caller closes it. */
  Optional<InputStream> open(String key, ModuleRef ref) {
    try {
      return Optional.of(direct.get(bucket, key).body().byteStream());
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw translate(e, "get", key, ref);
    }
  }

  /**
   * Reads a small object whole, or empty if it does not exist.
   *
   * @param max the most bytes it may have; more is {@code tooLarge}'s exception
   */
  Optional<Read> read(String key, int max, ModuleRef ref, TooLarge tooLarge) {
    try (Response response = direct.get(bucket, key);
        InputStream body = response.body().byteStream()) {
      byte[] bytes = body.readNBytes(max + 1);
      if (bytes.length > max) {
        throw tooLarge.exception(what("get", key) + ": larger than " + max + " bytes");
      }
      return Optional.of(
          new Read(bytes, unquoted(response.header("ETag")), meta(response.headers())));
    } catch (ModmirrorException e) {
      throw e;
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw translate(e, "get", key, ref);
    }
  }

  /** Copies {@code from} to {@code to} within the bucket, on the server. */
  void copy(String from, String to, ModuleRef ref) {
    try {
      client.copyObject(
          CopyObjectArgs.builder()
              .bucket(bucket)
              .object(to)
              .source(CopySource.builder().bucket(bucket).object(from).build())
              .build());
    } catch (Exception e) {
      throw translate(e, "copy " + bucket + "/" + from + " to", to, ref);
    }
  }

  /**
   * Copies {@code key} of the bucket {@code from} (on the same server, under the same credentials)
   * to {@code key} in this bucket, on the server: one request, the bytes never leave the server. A
   * single copy request takes objects up to 5 GiB, far above the largest module zip.
   */
  void copyFrom(BucketLocation from, String key, ModuleRef ref) {
    try {
      client.copyObject(
          CopyObjectArgs.builder()
              .bucket(bucket)
              .object(key)
              .source(CopySource.builder().bucket(from.bucket()).object(key).build())
              .build());
    } catch (Exception e) {
      throw translate(e, "copy " + from.bucket() + "/" + key + " to", key, ref);
    }
  }

  /** Removes the object; removing an absent one is not an error. */
  void remove(String key, ModuleRef ref) {
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (Exception e) {
      throw translate(e, "delete", key, ref);
    }
  }

  /**
   * Removes {@code keys} in as few requests as S3 allows (a multi-object delete takes up to 1000).
   * Absent keys are not errors.
   *
   * @throws TransientException if the store cannot be reached or refuses a key
   */
  void removeAll(Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> all = List.copyOf(keys);
    try {
      for (int from = 0; from < all.size(); from += MAX_DELETE) {
        List<DirectRequests.Refused> refused =
            direct.deleteAll(bucket, all.subList(from, Math.min(all.size(), from + MAX_DELETE)));
        if (!refused.isEmpty()) {
          DirectRequests.Refused first = refused.get(0);
          throw new TransientException(
              what("delete", first.key()) + " failed: " + first.code() + " " + first.message(),
              (String) null,
              null);
        }
      }
    } catch (ModmirrorException e) {
      throw e;
    } catch (Exception e) {
      if (S3Errors.interrupted(e)) {
        Thread.currentThread().interrupt();
      }
      throw translate(e, "delete", keys.size() + " keys", null);
    }
  }

  /**
   * The names of the objects directly under {@code prefix} (a {@code /} after it ends a name's part
   * of the listing: deeper keys are not in it).
   */
  List<String> namesUnder(String prefix, String module) {
    try {
      return direct.names(bucket, prefix);
    } catch (Exception e) {
      throw S3Errors.translate(e, what("list", prefix), module, null);
    }
  }

  /** The exception for an object larger than a read allows. */
  @FunctionalInterface
  interface TooLarge {
    ModmirrorException exception(String message);
  }

  String what(String operation, String key) {
    return "store " + store + ": " + operation + " " + bucket + "/" + key;
  }

  private ModmirrorException translate(Exception e, String operation, String key, ModuleRef ref) {
    return S3Errors.translate(
        e,
        what(operation, key),
        ref == null ? null : ref.path().value(),
        ref == null ? null : ref.version().value());
  }

  /** The user metadata of an answer: {@code x-amz-meta-*}, names lower-case without the prefix. */
  private static Map<String, String> meta(Headers headers) {
    Map<String, String> metadata = new TreeMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String lower = headers.name(i).toLowerCase(Locale.ROOT);
      if (lower.startsWith(META)) {
        metadata.putIfAbsent(lower.substring(META.length()), headers.value(i));
      }
    }
    return metadata;
  }

  private long length(Headers headers, String key, ModuleRef ref) {
    String length = headers.get("Content-Length");
    if (length == null) {
      throw new PermanentException(what("stat", key) + ": no Content-Length in the answer", ref);
    }
    return Long.parseLong(length);
  }

  /** ETags come quoted from some responses and bare from others; compare them bare. */
  static String unquoted(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }
}
