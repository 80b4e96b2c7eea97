package dev.modmirror.warmer;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;

/**
 * A {@link ModuleStore} whose {@code @v/list} rebuilds of one module run one at a time in this
 * process (as athens wraps its stash with singleflight): the warmer works on many versions at once,
 * and two versions of one module must not race to write its list, the later write naming fewer
 * versions. The port's own {@link ModuleStore#save} and {@link ModuleStore#repair} run over this
 * wrapper unchanged (their conditional writes already settle races on one version) and rebuild the
 * list through it. Everything else, the layout hooks included, goes straight to the store.
 */
final class OneWriterPerModule extends ForwardingModuleStore {
  private final ModuleLocks locks = new ModuleLocks();

  OneWriterPerModule(ModuleStore store) {
    super(store);
  }

  @Override
  public void rebuildList(ModulePath path) {
    locks.with(
        path,
        () -> {
          super.rebuildList(path);
          return null;
        });
  }
}
