package dev.modmirror.testkit.memory;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@link ModuleStore} over a map from object key to bytes, with the same key layout as a bucket
 * ({@link ObjectKeys}). Thread-safe; the conditional writes are atomic map operations. A put reads
 * the whole stream before the object appears, so a failing stream leaves nothing, as an S3 PUT
 * does.
 */
public final class InMemoryModuleStore implements ModuleStore {
  private static final String INFO = Artifact.INFO.extension();

  private final String name;
  private final Map<String, Held> objects = new ConcurrentHashMap<>();
  private final Object listLock = new Object();

  private InMemoryModuleStore(String name) {
    this.name = name;
  }

  public static InMemoryModuleStore create(String name) {
    return new InMemoryModuleStore(name);
  }

  /** Every object key, for tests of the key layout. */
  public Set<String> keys() {
    return new TreeSet<>(objects.keySet());
  }

  /**
   * @throws TransientException if reading {@code content} fails; nothing is stored then
   */
  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    objects.put(ObjectKeys.artifact(ref, artifact), new Held(bytes(ref, artifact, content), null));
  }

  private static byte[] bytes(ModuleRef ref, Artifact artifact, InputStream content) {
    try {
      return content.readAllBytes();
    } catch (IOException e) {
      throw new TransientException(
          "reading " + artifact.extension() + " failed: " + e.getMessage(),
          ref.path().value(),
          ref.version().value(),
          e);
    }
  }

  @Override
  public boolean createsAtomically(Artifact artifact, long length) {
    return true;
  }

  /** {@inheritDoc} The stream is read whole first; the create is one atomic map operation. */
  @Override
  public boolean putIfAbsent(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    return objects.putIfAbsent(
            ObjectKeys.artifact(ref, artifact), new Held(bytes(ref, artifact, content), null))
        == null;
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    Held info = objects.get(ObjectKeys.artifact(ref, Artifact.INFO));
    if (info == null) {
      return CompletionMarker.MISSING;
    }
    return info.hashes() == null
        ? CompletionMarker.UNRECORDED
        : new CompletionMarker.Recorded(info.hashes());
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    return objects.putIfAbsent(
            ObjectKeys.artifact(ref, Artifact.INFO), new Held(info.clone(), hashes))
        == null;
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    byte[] record = hashes.goSumLines(ref).getBytes(StandardCharsets.UTF_8);
    Held held = objects.putIfAbsent(ObjectKeys.pending(ref), new Held(record, null));
    return held == null
        ? hashes
        : VersionHashes.parseGoSumLines(ref, new String(held.bytes(), StandardCharsets.UTF_8));
  }

  @Override
  public void release(ModuleRef ref) {
    objects.remove(ObjectKeys.pending(ref));
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    String key = ObjectKeys.artifact(ref, Artifact.INFO);
    Held info = objects.get(key);
    return info != null
        && info.hashes() == null
        && objects.replace(key, info, new Held(info.bytes(), hashes));
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(ObjectKeys.artifact(ref, artifact)))
        .map(o -> new ByteArrayInputStream(o.bytes()));
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(ObjectKeys.artifact(ref, artifact)))
        .map(o -> new StoredObject(new ByteArrayInputStream(o.bytes()), stat(o.bytes())));
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(ObjectKeys.artifact(ref, artifact)))
        .map(o -> stat(o.bytes()));
  }

  /** The S3 ETag of a single PUT: the MD5 of the bytes, in hex. */
  private static ObjectStat stat(byte[] bytes) {
    try {
      return new ObjectStat(
          bytes.length, HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    String prefix = ObjectKeys.versionDirectory(path);
    return objects.keySet().stream()
        .filter(key -> key.startsWith(prefix))
        .map(key -> key.substring(prefix.length()))
        .filter(file -> file.endsWith(INFO) && file.indexOf('/') < 0)
        .map(file -> file.substring(0, file.length() - INFO.length()))
        .map(escaped -> ModuleVersion.of(ModulePaths.unescapeVersion(escaped)))
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * Lists and writes under one lock. Without it two writers of one module race: one lists [A], the
   * other lists [A, B] and writes it, then the first writes [A] over it and B is dropped (the
   * contract's concurrency test lost a version in 75 of 2000 rounds). Under the lock the last
   * rebuild lists after every earlier writer's {@code .info} exists, so its list is complete. (S3
   * has no such lock; {@link dev.modmirror.core.store.ListRebuild} converges there instead.)
   */
  @Override
  public void rebuildList(ModulePath path) {
    synchronized (listLock) {
      String list =
          completeVersions(path).stream().map(v -> v.value() + "\n").collect(Collectors.joining());
      objects.put(ObjectKeys.list(path), new Held(list.getBytes(StandardCharsets.UTF_8), null));
    }
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return Optional.ofNullable(objects.get(ObjectKeys.list(path)))
        .map(o -> new String(o.bytes(), StandardCharsets.UTF_8));
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    objects.remove(ObjectKeys.artifact(ref, artifact));
  }

  /** A snapshot of the keys under {@code prefix}, in {@link ObjectKeys#ORDER}. */
  @Override
  public Iterator<ListedKey> listKeys(String prefix) {
    return objects.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(
            e ->
                new ListedKey(
                    e.getKey(),
                    e.getValue().bytes().length,
                    stat(e.getValue().bytes()).etag(),
                    e.getValue().written()))
        .sorted(Comparator.comparing(ListedKey::key, ObjectKeys.ORDER))
        .toList()
        .iterator();
  }

  @Override
  public void putRecord(String key, byte[] bytes) {
    objects.put(ObjectKeys.requireRecord(key), new Held(bytes.clone(), null));
  }

  @Override
  public Optional<byte[]> readRecord(String key) {
    return Optional.ofNullable(objects.get(ObjectKeys.requireRecord(key)))
        .map(h -> h.bytes().clone());
  }

  @Override
  public void deleteRecord(String key) {
    objects.remove(ObjectKeys.requireRecord(key));
  }

  /**
   * Writes any object under any key, as an out-of-band writer would (an existing object keeps the
   * hashes recorded with it): for tests of damage at rest and of foreign keys.
   */
  public void putRaw(String key, byte[] bytes) {
    objects.compute(key, (k, h) -> new Held(bytes.clone(), h == null ? null : h.hashes()));
  }

  /** Removes any object, as an out-of-band writer would: for tests. */
  public void remove(String key) {
    objects.remove(key);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * An object's bytes and the hashes recorded with it (an {@code .info}'s metadata), or null.
   * Compared by identity, so a replace succeeds only on the very object that was read.
   */
  private static final class Held {
    private final byte[] bytes;
    private final VersionHashes hashes;
    private final Instant written = Instant.now();

    Held(byte[] bytes, VersionHashes hashes) {
      this.bytes = bytes;
      this.hashes = hashes;
    }

    Instant written() {
      return written;
    }

    byte[] bytes() {
      return bytes;
    }

    VersionHashes hashes() {
      return hashes;
    }
  }
}
