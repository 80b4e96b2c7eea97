package dev.modmirror.adapters.s3;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ListRebuild;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModuleStore} on one S3 bucket through the MinIO SDK. Atomicity comes from S3 itself: a
 * PUT becomes visible whole or not at all, and a multipart upload (used for streams of unknown
 * length, in {@value #PART_SIZE}-byte parts) only on completion. Thread-safe.
 */
public final class MinioModuleStore implements ModuleStore {
  /** The S3 minimum part size: memory per upload of unknown length stays at one part. */
  static final long PART_SIZE = 5L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(MinioModuleStore.class);
  private static final String INFO = Artifact.INFO.extension();

  private final String name;
  private final String bucket;
  private final MinioClient client;

  private MinioModuleStore(String name, String bucket, MinioClient client) {
    this.name = name;
    this.bucket = bucket;
    this.client = client;
  }

  /**
   * Connects and creates the bucket if absent.
   *
   * @throws dev.modmirror.core.error.TransientException if the server cannot be reached
   * @throws PermanentException if the credentials are rejected
   */
  public static MinioModuleStore create(String name, S3Config config) {
    MinioModuleStore store =
        new MinioModuleStore(name, config.bucket(), MinioClients.create(config));
    store.ensureBucket();
    return store;
  }

  /** A store on an existing bucket through a given client, without checking the bucket. */
  static MinioModuleStore forTests(String name, String bucket, MinioClient client) {
    return new MinioModuleStore(name, bucket, client);
  }

  private void ensureBucket() {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        log.info("store {}: created bucket {}", name, bucket);
      }
    } catch (ErrorResponseException e) {
      // Another replica created it between our check and our create.
      if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
        throw S3Errors.translate(e, "store " + name + ": create bucket " + bucket, null, null);
      }
    } catch (Exception e) {
      throw S3Errors.translate(e, "store " + name + ": create bucket " + bucket, null, null);
    }
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    String key = ObjectKeys.artifact(ref, artifact);
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  content, length, length < 0 ? PART_SIZE : -1)
              .contentType(artifact.contentType())
              .build());
    } catch (Exception e) {
      throw S3Errors.translate(e, what("put", key), module(ref), version(ref));
    }
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    String key = ObjectKeys.artifact(ref, artifact);
    try {
      return Optional.of(
          client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, what("get", key), module(ref), version(ref));
    }
  }

  @Override
  public Optional<Long> size(ModuleRef ref, Artifact artifact) {
    String key = ObjectKeys.artifact(ref, artifact);
    try {
      return Optional.of(
          client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, what("stat", key), module(ref), version(ref));
    }
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    String prefix = ObjectKeys.versionDirectory(path);
    List<ModuleVersion> versions = new ArrayList<>();
    // Not recursive: the delimiter keeps a/b/v2/@v/… out of a/b/@v/ even if a key were odd.
    Iterable<Result<Item>> items =
        client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).build());
    try {
      for (Result<Item> result : items) {
        Item item = result.get();
        String file = item.objectName().substring(prefix.length());
        if (!item.isDir() && file.endsWith(INFO) && file.indexOf('/') < 0) {
          version(path, file.substring(0, file.length() - INFO.length())).ifPresent(versions::add);
        }
      }
    } catch (Exception e) {
      throw S3Errors.translate(e, what("list", prefix), path.value(), null);
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
    String key = ObjectKeys.list(path);
    byte[] list =
        versions.stream()
            .map(v -> v.value() + "\n")
            .collect(Collectors.joining())
            .getBytes(StandardCharsets.UTF_8);
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket).object(key).stream(
                  new ByteArrayInputStream(list), list.length, -1)
              .contentType("text/plain; charset=utf-8")
              .build());
    } catch (Exception e) {
      throw S3Errors.translate(e, what("put", key), path.value(), null);
    }
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    String key = ObjectKeys.list(path);
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      if (S3Errors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, what("get", key), path.value(), null);
    }
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    String key = ObjectKeys.artifact(ref, artifact);
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (Exception e) {
      throw S3Errors.translate(e, what("delete", key), module(ref), version(ref));
    }
  }

  @Override
  public String name() {
    return name;
  }

  private String what(String operation, String key) {
    return "store " + name + ": " + operation + " " + bucket + "/" + key;
  }

  private static String module(ModuleRef ref) {
    return ref.path().value();
  }

  private static String version(ModuleRef ref) {
    return ref.version().value();
  }
}
