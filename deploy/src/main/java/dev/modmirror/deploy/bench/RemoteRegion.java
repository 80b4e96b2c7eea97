package dev.modmirror.deploy.bench;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.InfoFile;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A region store as if it were far away: each S3 request its port calls make (as {@code
 * MinioModuleStore} sends them: one each, the {@code @v/list} rebuild three) waits {@code
 * roundTrip} first, without using a core, so that a bench on one machine sees what a copy's
 * critical path costs against a remote region (tens of milliseconds a request) rather than the
 * local servers' CPU. For benches only.
 */
final class RemoteRegion extends ForwardingModuleStore {
  private final long millis;

  RemoteRegion(ModuleStore delegate, Duration roundTrip) {
    super(delegate);
    this.millis = roundTrip.toMillis();
  }

  private void away(int requests) {
    try {
      Thread.sleep(millis * requests);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    away(1);
    return super.marker(ref);
  }

  @Override
  public Optional<InfoFile> readInfo(ModuleRef ref) {
    away(1);
    return super.readInfo(ref);
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    away(1);
    return super.createInfo(ref, info, hashes);
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    away(1);
    super.put(ref, artifact, content, length);
  }

  @Override
  public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
    away(1);
    return super.open(ref, artifact);
  }

  @Override
  public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
    away(1);
    return super.read(ref, artifact);
  }

  @Override
  public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
    away(1);
    return super.stat(ref, artifact);
  }

  @Override
  public List<ModuleVersion> completeVersions(ModulePath path) {
    away(1);
    return super.completeVersions(path);
  }

  @Override
  public void rebuildList(ModulePath path) {
    away(3);
    super.rebuildList(path);
  }

  @Override
  public Optional<String> readList(ModulePath path) {
    away(1);
    return super.readList(path);
  }

  @Override
  public Iterator<ListedKey> listKeys(String prefix) {
    away(1);
    return super.listKeys(prefix);
  }
}
