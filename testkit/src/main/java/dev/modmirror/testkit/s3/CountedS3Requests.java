package dev.modmirror.testkit.s3;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.BucketLocation;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.InfoFile;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Records every call as the S3 request(s) {@code MinioModuleStore} makes for it, with the key.
 * Thread-safe: the warmer's and reconcile's workers call from several threads. Used by the warmer's
 * and the replicator's request-count tests.
 */
public final class CountedS3Requests extends ForwardingModuleStore {
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final ModuleStore delegate;

  public CountedS3Requests(ModuleStore delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  /** The requests so far, in order (a live, synchronized list: clear it between steps). */
  public List<String> requests() {
    return requests;
  }

  /** The store the calls go to, for setting up state without counting it. */
  public ModuleStore delegate() {
    return delegate;
  }

  private static String key(ModuleRef ref, Artifact artifact) {
    return ObjectKeys.artifact(ref, artifact);
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    requests.add("HEAD " + key(ref, Artifact.INFO));
    return super.marker(ref);
  }

  @Override
  public Optional<InfoFile> readInfo(ModuleRef ref) {
    requests.add("GET " + key(ref, Artifact.INFO));
    return super.readInfo(ref);
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    requests.add("PUT " + key(ref, Artifact.INFO) + " If-None-Match");
    return super.createInfo(ref, info, hashes);
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    requests.add("PUT " + ObjectKeys.pending(ref) + " If-None-Match");
    return super.claim(ref, hashes);
  }

  @Override
  public void release(ModuleRef ref) {
    requests.add("DELETE " + ObjectKeys.pending(ref));
    super.release(ref);
  }

  @Override
  public void releaseAll(Collection<ModuleRef> refs) {
    requests.add("DELETE (multi-object) " + refs.size());
    super.releaseAll(refs);
  }

  @Override
  public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
    requests.add("GET " + key(ref, Artifact.INFO));
    requests.add("PUT " + key(ref, Artifact.INFO) + " If-Match");
    return super.recordHashes(ref, hashes);
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    requests.add("PUT " + key(ref, artifact));
    super.put(ref, artifact, content, length);
  }

  @Override
  public boolean putIfAbsent(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    requests.add("PUT " + key(ref, artifact) + " If-None-Match");
    return super.putIfAbsent(ref, artifact, content, length);
  }

  @Override
  public boolean copyOnServer(BucketLocation source, ModuleRef ref, Artifact artifact) {
    requests.add("PUT (copy) " + key(ref, artifact));
    return super.copyOnServer(source, ref, artifact);
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    requests.add("GET " + key(ref, artifact));
    return super.open(ref, artifact);
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    requests.add("GET " + key(ref, artifact));
    return super.read(ref, artifact);
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    requests.add("HEAD " + key(ref, artifact));
    return super.stat(ref, artifact);
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    requests.add("LIST " + ObjectKeys.versionDirectory(path));
    return super.completeVersions(path);
  }

  @Override
  public void rebuildList(ModulePath path) {
    String dir = ObjectKeys.versionDirectory(path);
    requests.addAll(List.of("LIST " + dir, "PUT " + ObjectKeys.list(path), "LIST " + dir));
    super.rebuildList(path);
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    requests.add("GET " + ObjectKeys.list(path));
    return super.readList(path);
  }

  @Override
  public Iterator<ListedKey> listKeys(String prefix) {
    requests.add("LIST " + prefix);
    return super.listKeys(prefix);
  }

  @Override
  public void putRecord(String key, byte[] bytes) {
    requests.add("PUT " + key);
    super.putRecord(key, bytes);
  }

  @Override
  public Optional<byte[]> readRecord(String key) {
    requests.add("GET " + key);
    return super.readRecord(key);
  }

  @Override
  public boolean hasRecord(String key) {
    requests.add("HEAD " + key);
    return super.hasRecord(key);
  }

  @Override
  public void deleteRecord(String key) {
    requests.add("DELETE " + key);
    super.deleteRecord(key);
  }

  @Override
  public void delete(ModuleRef ref, Artifact artifact) {
    requests.add("DELETE " + key(ref, artifact));
    super.delete(ref, artifact);
  }
}
