package dev.modmirror.testkit.memory;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A {@link ModuleStore} over a map from object key to bytes, with the same key layout as a bucket
 * ({@link ObjectKeys}). Thread-safe. A put reads the whole stream before the object appears, so a
 * failing stream leaves nothing, as an S3 PUT does.
 */
public final class InMemoryModuleStore implements ModuleStore {
  private static final String INFO = Artifact.INFO.extension();

  private final String name;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
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
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new TransientException(
          "reading " + artifact.extension() + " failed: " + e.getMessage(),
          ref.path().value(),
          ref.version().value(),
          e);
    }
    objects.put(ObjectKeys.artifact(ref, artifact), bytes);
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(ObjectKeys.artifact(ref, artifact)))
        .map(ByteArrayInputStream::new);
  }

  @Override
  public Optional<Long> size(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(ObjectKeys.artifact(ref, artifact)))
        .map(b -> (long) b.length);
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
      objects.put(ObjectKeys.list(path), list.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return Optional.ofNullable(objects.get(ObjectKeys.list(path)))
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    objects.remove(ObjectKeys.artifact(ref, artifact));
  }

  @Override
  public String name() {
    return name;
  }
}
