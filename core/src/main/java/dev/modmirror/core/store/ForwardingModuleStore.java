package dev.modmirror.core.store;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.io.InputStream;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ModuleStore} that forwards every call: the one base of the wrappers that change one
 * behaviour (tracing, one list writer per module) and of tests that override one (a region that
 * fails, a store that records the order of writes). A method added to the port is forwarded here
 * once, not in each wrapper. {@link ModuleStore#save}, {@link ModuleStore#saveCopy}, {@link
 * ModuleStore#saveNew} and {@link ModuleStore#repair} are deliberately not forwarded: the port's
 * own save runs over this store's {@code put}, {@code createInfo} and {@code rebuildList}, so an
 * override of one sees, or fails, every such write of a save.
 */
public class ForwardingModuleStore implements ModuleStore {
  private final ModuleStore delegate;

  public ForwardingModuleStore(ModuleStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    delegate.put(ref, artifact, content, length);
  }

  @Override
  public boolean createsAtomically(Artifact artifact, long length) {
    return delegate.createsAtomically(artifact, length);
  }

  @Override
  public boolean putIfAbsent(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    return delegate.putIfAbsent(ref, artifact, content, length);
  }

  @Override
  public Optional<BucketLocation> location() {
    return delegate.location();
  }

  @Override
  public boolean copyOnServer(BucketLocation source, ModuleRef ref, Artifact artifact) {
    return delegate.copyOnServer(source, ref, artifact);
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    return delegate.marker(ref);
  }

  @Override
  public Optional<InfoFile> readInfo(ModuleRef ref) {
    return delegate.readInfo(ref);
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    return delegate.createInfo(ref, info, hashes);
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    return delegate.claim(ref, hashes);
  }

  @Override
  public void release(ModuleRef ref) {
    delegate.release(ref);
  }

  @Override
  public void releaseAll(Collection<ModuleRef> refs) {
    delegate.releaseAll(refs);
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    return delegate.recordHashes(ref, hashes);
  }

  @Override
  public void writeLayouts(ModuleRef ref, byte[] info) {
    delegate.writeLayouts(ref, info);
  }

  @Override
  public boolean layoutsComplete(ModuleRef ref) {
    return delegate.layoutsComplete(ref);
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    return delegate.open(ref, artifact);
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    return delegate.read(ref, artifact);
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    return delegate.stat(ref, artifact);
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    return delegate.completeVersions(path);
  }

  @Override
  public void rebuildList(ModulePath path) {
    delegate.rebuildList(path);
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    return delegate.readList(path);
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    delegate.delete(ref, artifact);
  }

  @Override
  public Iterator<ListedKey> listKeys(String prefix) {
    return delegate.listKeys(prefix);
  }

  @Override
  public void putRecord(String key, byte[] bytes) {
    delegate.putRecord(key, bytes);
  }

  @Override
  public Optional<byte[]> readRecord(String key) {
    return delegate.readRecord(key);
  }

  @Override
  public boolean hasRecord(String key) {
    return delegate.hasRecord(key);
  }

  @Override
  public void deleteRecord(String key) {
    delegate.deleteRecord(key);
  }

  @Override
  public String name() {
    return delegate.name();
  }
}
