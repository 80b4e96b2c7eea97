package dev.modmirror.warmer;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the order of writes ({@code .info}'s by createInfo), to check that it comes last, counts
 * {@code .info} reads ({@link #marker}), runs a hook when a version is claimed (another writer
 * finishing it at that moment), and fails list rebuilds on demand, as a store timing out on the
 * list write would.
 */
final class OrderRecordingStore extends ForwardingModuleStore {
  private final InMemoryModuleStore delegate;
  private final List<Artifact> puts = new CopyOnWriteArrayList<>();
  private final AtomicInteger listFailures = new AtomicInteger();
  private final AtomicInteger markers = new AtomicInteger();
  private volatile Runnable onClaim = () -> {};

  OrderRecordingStore(InMemoryModuleStore delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  InMemoryModuleStore delegate() {
    return delegate;
  }

  List<Artifact> puts() {
    return puts;
  }

  /** {@code .info} reads so far. */
  int markers() {
    return markers.get();
  }

  /** Runs {@code hook} at the start of every claim. */
  void onClaim(Runnable hook) {
    onClaim = hook;
  }

  @Override
  public CompletionMarker marker(ModuleRef ref) {
    markers.incrementAndGet();
    return super.marker(ref);
  }

  @Override
  public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
    onClaim.run();
    return super.claim(ref, hashes);
  }

  /** The next {@code times} list rebuilds fail as a timed-out write would. */
  void failListRebuilds(int times) {
    listFailures.set(times);
  }

  @Override
  public void rebuildList(ModulePath path) {
    if (listFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      throw new TransientException("list write timed out: " + path);
    }
    super.rebuildList(path);
  }

  @Override
  public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
    super.put(ref, artifact, content, length);
    puts.add(artifact);
  }

  @Override
  public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
    boolean created = super.createInfo(ref, info, hashes);
    puts.add(Artifact.INFO);
    return created;
  }
}
