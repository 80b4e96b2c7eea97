package dev.modmirror.core.store;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The smallest {@link ModuleStore} over maps, for core's tests of the port's default methods and of
 * {@link StoredVersions} (the full in-memory store and its contract suite live in testkit, which
 * depends on core). Every call that writes is logged in order ({@code put MOD}, {@code createInfo},
 * …); {@link #beforeCreateInfo} and the failure switches stand in for another writer and a broken
 * store.
 */
class MapModuleStore implements ModuleStore {
  final Map<Artifact, byte[]> objects = new HashMap<>();
  final List<String> log = new ArrayList<>();
  CompletionMarker marker = CompletionMarker.MISSING;
  VersionHashes pending;
  String list;
  boolean layoutsComplete = true;
  boolean listFails;
  boolean releaseFails;
  boolean recordHashesWins = true;
  Runnable beforeCreateInfo = () -> {};

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    log.add("marker");
    return marker;
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    beforeCreateInfo.run();
    log.add("createInfo");
    if (!(marker instanceof CompletionMarker.Missing)) {
      return false;
    }
    objects.put(Artifact.INFO, info);
    marker = new CompletionMarker.Recorded(hashes);
    return true;
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    log.add("claim");
    if (pending == null) {
      pending = hashes;
    }
    return pending;
  }

  @Override
  public void release(ModuleRef ref) {
    log.add("release");
    if (releaseFails) {
      throw new TransientException("release failed", ref);
    }
    pending = null;
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    log.add("recordHashes");
    if (recordHashesWins && marker instanceof CompletionMarker.Unrecorded) {
      marker = new CompletionMarker.Recorded(hashes);
      return true;
    }
    return false;
  }

  @Override
  public void writeLayouts(ModuleRef ref, byte[] info) {
    log.add("writeLayouts " + new String(info, java.nio.charset.StandardCharsets.UTF_8));
    layoutsComplete = true;
  }

  @Override
  public boolean layoutsComplete(ModuleRef ref) {
    return layoutsComplete;
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    log.add("put " + artifact);
    try {
      objects.put(artifact, content.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(artifact)).map(ByteArrayInputStream::new);
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return open(ref, artifact).map(in -> new StoredObject(in, stat(ref, artifact).orElseThrow()));
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return Optional.ofNullable(objects.get(artifact)).map(b -> new ObjectStat(b.length, "etag"));
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    return List.of();
  }

  @Override
  public void rebuildList(ModulePath path) {
    log.add("rebuildList");
    if (listFails) {
      throw new TransientException("list failed", path.value(), null);
    }
    list = "v1.0.0\n";
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return Optional.ofNullable(list);
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    objects.remove(artifact);
  }

  @Override
  public String name() {
    return "map";
  }
}
