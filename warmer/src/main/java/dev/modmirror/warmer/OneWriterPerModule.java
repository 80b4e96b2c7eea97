package dev.modmirror.warmer;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ModuleStore} whose {@code @v/list} rebuilds of one module run one at a time in this
 * process (as athens wraps its stash with singleflight): the warmer works on many versions at once,
 * and two versions of one module must not race to write its list, the later write naming fewer
 * versions. The port's own {@link ModuleStore#save} and {@link ModuleStore#repair} run over this
 * wrapper unchanged (their conditional writes already settle races on one version) and rebuild the
 * list through it. Everything else, the layout hooks included, goes straight to the store.
 */
final class OneWriterPerModule implements ModuleStore {
  private final ModuleStore store;
  private final ModuleLocks locks = new ModuleLocks();

  OneWriterPerModule(ModuleStore store) {
    this.store = store;
  }

  @Override
  public void rebuildList(ModulePath path) {
    locks.with(
        path,
        () -> {
          store.rebuildList(path);
          return null;
        });
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    return store.marker(ref);
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    return store.createInfo(ref, info, hashes);
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    return store.claim(ref, hashes);
  }

  @Override
  public void release(ModuleRef ref) {
    store.release(ref);
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    return store.recordHashes(ref, hashes);
  }

  @Override
  public void writeLayouts(ModuleRef ref, byte[] info) {
    store.writeLayouts(ref, info);
  }

  @Override
  public boolean layoutsComplete(ModuleRef ref) {
    return store.layoutsComplete(ref);
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    store.put(ref, artifact, content, length);
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return store.open(ref, artifact);
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return store.read(ref, artifact);
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return store.stat(ref, artifact);
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    return store.completeVersions(path);
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return store.readList(path);
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    store.delete(ref, artifact);
  }

  @Override
  public String name() {
    return store.name();
  }
}
