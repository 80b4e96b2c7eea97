package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.AthensLayout;
import dev.modmirror.core.store.BucketLocation;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.InfoFile;
import dev.modmirror.core.store.ListRebuild;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModuleStore} on one S3 bucket through the MinIO SDK. Atomicity comes from S3 itself: a
 * PUT becomes visible whole or not at all, and a multipart upload (used for streams of unknown
 * length, in {@value S3Bucket#PART_SIZE}-byte parts) only on completion. The port's conditional
 * writes are S3 conditional PUTs: {@code If-None-Match: *} creates the {@code .info} and the
 * pending record, {@code If-Match} on the ETag read adopts an {@code .info} without hashes. The
 * hashes recorded with a version are user metadata of its {@code .info} ({@value #H1_META}, {@value
 * #GOMOD_H1_META}), read back by one HEAD; the bytes GOPROXY readers get are unchanged. A bucket
 * may also carry Athens' layouts ({@link S3Config#athensLayouts()}), written before the version's
 * own {@code .info}. Thread-safe.
 */
public final class MinioModuleStore implements ModuleStore {
  /** User metadata of an {@code .info}: the zip's recorded h1. */
  static final String H1_META = "modmirror-h1";

  /** User metadata of an {@code .info}: the go.mod's recorded h1. */
  static final String GOMOD_H1_META = "modmirror-gomod-h1";

  private static final Logger log = LoggerFactory.getLogger(MinioModuleStore.class);
  private static final String INFO = Artifact.INFO.extension();
  private static final Map<String, String> IF_ABSENT = Map.of("If-None-Match", "*");
  private static final int MAX_PENDING_BYTES = 64 * 1024;
  private static final int MAX_INFO_BYTES = 16 << 20;

  private final String name;
  private final S3Bucket bucket;
  private final List<AthensLayout> layouts;

  private MinioModuleStore(String name, S3Bucket bucket, List<AthensLayout> layouts) {
    this.name = name;
    this.bucket = bucket;
    this.layouts = layouts;
  }

  /**
   * Connects, creates the bucket if absent and proves that the store honours conditional writes
   * ({@link ConditionalWrites}).
   *
   * @throws TransientException if the server cannot be reached
   * @throws PermanentException if the credentials are rejected, or the store does not honour
   *     conditional writes atomically and the config does not allow that
   */
  public static MinioModuleStore create(String name, S3Config config) {
    S3Bucket bucket = S3Bucket.of(name, config);
    ensureBucket(name, bucket);
    return new MinioModuleStore(
        name, ConditionalWrites.require(bucket, config), config.athensLayouts());
  }

  /**
   * A store on an existing bucket through a given client (listings through a client of {@code
   * config}), without checking the bucket.
   */
  static MinioModuleStore forTests(
      String name, String bucket, MinioClient client, S3Config config) {
    return new MinioModuleStore(name, S3Bucket.forTests(name, bucket, client, config), List.of());
  }

  private static void ensureBucket(String name, S3Bucket bucket) {
    String what = "store " + name + ": create bucket " + bucket.name();
    MinioClient client = bucket.client();
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket.name()).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket.name()).build());
        log.info("store {}: created bucket {}", name, bucket.name());
      }
    } catch (ErrorResponseException e) {
      // Another replica created it between our check and our create.
      if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
        throw S3Errors.translate(e, what, null, null);
      }
    } catch (Exception e) {
      throw S3Errors.translate(e, what, null, null);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>An upload interrupted (a deadline, a shutdown) is abandoned and its multipart upload aborted
   * ({@link S3Bucket#put}).
   */
  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    bucket.put(
        ObjectKeys.artifact(ref, artifact), content, length, artifact.contentType(), Map.of(), ref);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A single PUT with {@code If-None-Match: *}, decided by the server ({@link ConditionalWrites}
   * proves it at start); not with {@link S3Config#allowUnsafeCas()}, nor above {@value
   * S3Bucket#PART_SIZE} bytes (uploaded in parts).
   */
  @Override
  public boolean createsAtomically(Artifact artifact, long length) {
    return bucket.createsAtomically(length);
  }

  @Override
  public boolean putIfAbsent(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    return bucket.putIfAbsent(
        ObjectKeys.artifact(ref, artifact), content, length, artifact.contentType(), ref);
  }

  @Override
  public Optional<BucketLocation> location() {
    return Optional.of(bucket.location());
  }

  /**
   * {@inheritDoc}
   *
   * <p>S3 CopyObject from a bucket of the same endpoint and credentials; false for any other source
   * (the SDK cannot copy across servers).
   */
  @Override
  public boolean copyOnServer(BucketLocation source, ModuleRef ref, Artifact artifact) {
    if (!bucket.location().copiesOnServerFrom(source)) {
      return false;
    }
    bucket.copyFrom(source, ObjectKeys.artifact(ref, artifact), ref);
    return true;
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    return bucket
        .stat(ObjectKeys.artifact(ref, Artifact.INFO), ref)
        .map(
            stat ->
                recorded(ref, stat.metadata())
                    .<CompletionMarker>map(CompletionMarker.Recorded::new)
                    .orElse(CompletionMarker.UNRECORDED))
        .orElse(CompletionMarker.MISSING);
  }

  /** {@inheritDoc} One GET: the recorded hashes come back as the object's metadata. */
  @Override
  public Optional<InfoFile> readInfo(ModuleRef ref) {
    return bucket
        .read(
            ObjectKeys.artifact(ref, Artifact.INFO),
            (int) ModuleLimits.MAX_INFO,
            ref,
            m -> new InvalidInputException(m, ref))
        .map(
            read ->
                new InfoFile(
                    read.bytes(),
                    recorded(ref, read.metadata())
                        .<CompletionMarker>map(CompletionMarker.Recorded::new)
                        .orElse(CompletionMarker.UNRECORDED)));
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    return bucket.putIf(
        IF_ABSENT,
        ObjectKeys.artifact(ref, Artifact.INFO),
        info,
        Artifact.INFO.contentType(),
        metadata(hashes),
        ref);
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    String key = ObjectKeys.pending(ref);
    byte[] record = hashes.goSumLines(ref).getBytes(StandardCharsets.UTF_8);
    // The record a failed create met may be released before it is read; then create again.
    for (int attempt = 0; attempt < 3; attempt++) {
      if (bucket.putIf(IF_ABSENT, key, record, "text/plain; charset=utf-8", Map.of(), ref)) {
        return hashes;
      }
      Optional<S3Bucket.Read> held =
          bucket.read(key, MAX_PENDING_BYTES, ref, m -> new PermanentException(m, ref));
      if (held.isPresent()) {
        return VersionHashes.parseGoSumLines(
            ref, new String(held.get().bytes(), StandardCharsets.UTF_8));
      }
    }
    throw new TransientException(
        bucket.what("claim", key) + ": the pending record keeps changing", ref);
  }

  @Override
  public void release(ModuleRef ref) {
    bucket.remove(ObjectKeys.pending(ref), ref);
  }

  /** {@inheritDoc} One multi-object delete per 1000 records. */
  @Override
  public void releaseAll(Collection<ModuleRef> refs) {
    bucket.removeAll(refs.stream().map(ObjectKeys::pending).toList());
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    String key = ObjectKeys.artifact(ref, Artifact.INFO);
    Optional<S3Bucket.Read> info =
        bucket.read(key, MAX_INFO_BYTES, ref, m -> new PermanentException(m, ref));
    if (info.isEmpty() || recorded(ref, info.get().metadata()).isPresent()) {
      return false;
    }
    return bucket.putIf(
        Map.of("If-Match", "\"" + info.get().etag() + "\""),
        key,
        info.get().bytes(),
        Artifact.INFO.contentType(),
        metadata(hashes),
        ref);
  }

  private Optional<VersionHashes> recorded(ModuleRef ref, Map<String, String> metadata) {
    String h1 = metadata.get(H1_META);
    String goModH1 = metadata.get(GOMOD_H1_META);
    if (h1 == null || goModH1 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new VersionHashes(h1, goModH1));
    } catch (InvalidInputException e) {
      throw new PermanentException(
          bucket.what("stat", ObjectKeys.artifact(ref, Artifact.INFO))
              + ": recorded hashes are malformed: "
              + e.getMessage(),
          ref);
    }
  }

  private static Map<String, String> metadata(VersionHashes hashes) {
    return Map.of(H1_META, hashes.h1(), GOMOD_H1_META, hashes.goModH1());
  }

  /**
   * Copies the stored {@code .mod} and {@code .zip} on the server (the zip is uploaded once) and
   * writes {@code info}, in each layout's order. Keys a layout shares with the GOPROXY tree (the S3
   * layout of a path and version without upper case) are the same objects and are skipped.
   */
  @Override
  public void writeLayouts(ModuleRef ref, byte[] info) {
    for (AthensLayout layout : layouts) {
      for (Artifact artifact : layout.writeOrder()) {
        String key = layout.key(ref, artifact);
        String ours = ObjectKeys.artifact(ref, artifact);
        if (key.equals(ours)) {
          continue;
        }
        if (artifact == Artifact.INFO) {
          bucket.put(
              key,
              new ByteArrayInputStream(info),
              info.length,
              artifact.contentType(),
              Map.of(),
              ref);
        } else {
          bucket.copy(ours, key, ref);
        }
      }
    }
  }

  @Override
  public boolean layoutsComplete(ModuleRef ref) {
    for (AthensLayout layout : layouts) {
      for (Artifact artifact : Artifact.values()) {
        String key = layout.key(ref, artifact);
        if (!key.equals(ObjectKeys.artifact(ref, artifact)) && bucket.stat(key, ref).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return bucket.open(ObjectKeys.artifact(ref, artifact), ref);
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return bucket.read(ObjectKeys.artifact(ref, artifact), ref);
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return bucket
        .stat(ObjectKeys.artifact(ref, artifact), ref)
        .map(s -> new ObjectStat(s.size(), s.etag()));
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    String prefix = ObjectKeys.versionDirectory(path);
    List<ModuleVersion> versions = new ArrayList<>();
    // Not recursive: the delimiter keeps a/b/v2/@v/… out of a/b/@v/ even if a key were odd.
    for (String key : bucket.namesUnder(prefix, path.value())) {
      String file = key.substring(prefix.length());
      if (file.endsWith(INFO) && file.indexOf('/') < 0) {
        version(path, file.substring(0, file.length() - INFO.length())).ifPresent(versions::add);
      }
    }
    versions.sort(null);
    return versions;
  }

  private Optional<ModuleVersion> version(ModulePath path, String escaped) {
    try {
      return Optional.of(ModuleVersion.of(ModulePaths.unescapeVersion(escaped)));
    } catch (InvalidInputException e) {
      // A foreign object in our tree must not hide the module's good versions.
      log.warn(
          "store {}: ignoring {}{}{}: {}", name, path.escaped(), escaped, INFO, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void rebuildList(ModulePath path) {
    if (!ListRebuild.converge(() -> completeVersions(path), v -> writeList(path, v), 5)) {
      log.warn("store {}: @v/list of {} still changing after 5 rewrites", name, path);
    }
  }

  private void writeList(ModulePath path, List<ModuleVersion> versions) {
    byte[] list =
        versions.stream()
            .map(v -> v.value() + "\n")
            .collect(Collectors.joining())
            .getBytes(StandardCharsets.UTF_8);
    bucket.put(
        ObjectKeys.list(path),
        new ByteArrayInputStream(list),
        list.length,
        "text/plain; charset=utf-8",
        Map.of(),
        null);
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return bucket
        .open(ObjectKeys.list(path), null)
        .map(
            in -> {
              try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (java.io.IOException e) {
                throw new TransientException(
                    bucket.what("get", ObjectKeys.list(path)) + " failed: " + e,
                    path.value(),
                    null);
              }
            });
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    bucket.remove(ObjectKeys.artifact(ref, artifact), ref);
  }

  /**
   * ListObjectsV2, recursive, a page of up to 1000 keys at a time: the SDK's iterator asks for the
   * next page only when the previous one is consumed.
   */
  @Override
  public Iterator<ListedKey> listKeys(String prefix) {
    Iterator<Result<Item>> items =
        bucket
            .client()
            .listObjects(
                ListObjectsArgs.builder()
                    .bucket(bucket.name())
                    .prefix(prefix)
                    .recursive(true)
                    .build())
            .iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return items.hasNext();
        } catch (RuntimeException e) {
          throw S3Errors.translate(e, bucket.what("list", prefix), null, null);
        }
      }

      @Override
      public ListedKey next() {
        try {
          Item item = items.next().get();
          return new ListedKey(
              item.objectName(),
              item.size(),
              item.etag() == null ? "" : item.etag().replace("\"", ""),
              item.lastModified() == null ? Instant.EPOCH : item.lastModified().toInstant());
        } catch (java.util.NoSuchElementException e) {
          throw e;
        } catch (Exception e) {
          throw S3Errors.translate(e, bucket.what("list", prefix), null, null);
        }
      }
    };
  }

  @Override
  public void putRecord(String key, byte[] bytes) {
    bucket.put(
        ObjectKeys.requireRecord(key),
        new ByteArrayInputStream(bytes),
        bytes.length,
        "application/octet-stream",
        Map.of(),
        null);
  }

  @Override
  public Optional<byte[]> readRecord(String key) {
    return bucket
        .read(ObjectKeys.requireRecord(key), MAX_PENDING_BYTES, null, PermanentException::new)
        .map(S3Bucket.Read::bytes);
  }

  /** {@inheritDoc} One HEAD: a 404 carries no body for the SDK to parse. */
  @Override
  public boolean hasRecord(String key) {
    return bucket.stat(ObjectKeys.requireRecord(key), null).isPresent();
  }

  @Override
  public void deleteRecord(String key) {
    bucket.remove(ObjectKeys.requireRecord(key), null);
  }

  @Override
  public String name() {
    return name;
  }
}
