package dev.modmirror.warmer;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.testkit.memory.ForwardingModuleStore;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the order of writes ({@code .info}'s by createInfo), to check that it comes last. */
final class OrderRecordingStore extends ForwardingModuleStore {
  private final InMemoryModuleStore delegate;
  private final List<Artifact> puts = new CopyOnWriteArrayList<>();

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
