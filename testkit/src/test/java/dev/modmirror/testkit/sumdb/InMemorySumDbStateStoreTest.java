package dev.modmirror.testkit.sumdb;

import dev.modmirror.core.sumdb.InMemorySumDbStateStore;
import dev.modmirror.core.sumdb.SumDbStateStore;
import dev.modmirror.testkit.contract.SumDbStateStoreContract;

class InMemorySumDbStateStoreTest extends SumDbStateStoreContract {
  private final SumDbStateStore store = new InMemorySumDbStateStore();

  @Override
  protected SumDbStateStore store() {
    return store;
  }
}
