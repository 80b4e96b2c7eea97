package dev.modmirror.testkit.memory;

import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.testkit.contract.ModuleStoreContract;
import java.util.Set;

class InMemoryModuleStoreTest extends ModuleStoreContract {
  private final InMemoryModuleStore store = InMemoryModuleStore.create("memory");

  @Override
  protected ModuleStore store() {
    return store;
  }

  @Override
  protected Set<String> rawKeys() {
    return store.keys();
  }
}
