package dev.modmirror.warmer;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.testkit.memory.ForwardingModuleStore;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the order of puts, to check that {@code .info} is written last. */
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
}
