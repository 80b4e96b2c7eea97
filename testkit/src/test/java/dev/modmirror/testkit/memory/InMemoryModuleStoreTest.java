package dev.modmirror.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.testkit.contract.ModuleStoreContract;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryModuleStoreTest extends ModuleStoreContract {
  private static final int WRITERS = 16;

  private final InMemoryModuleStore store = InMemoryModuleStore.create("memory");

  @Override
  protected ModuleStore store() {
    return store;
  }

  @Override
  protected Set<String> rawKeys() {
    return store.keys();
  }

  // Before rebuildList took its lock, 75 of 2000 such rounds lost a version: many rounds make the
  // race all but certain to show if it comes back; they take well under a second.
  @Test
  void concurrentRebuildsNeverDropAVersion() throws Exception {
    ModulePath path = ModulePath.of("example.com/contended");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      for (int round = 0; round < 300; round++) {
        InMemoryModuleStore fresh = InMemoryModuleStore.create("round-" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
          ModuleRef ref = new ModuleRef(path, ModuleVersion.of("v1." + i + ".0"));
          writers.add(
              pool.submit(
                  () -> {
                    start.await();
                    fresh.put(
                        ref, Artifact.INFO, new ByteArrayInputStream(new byte[] {'{', '}'}), 2);
                    fresh.rebuildList(path);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
          writer.get(60, TimeUnit.SECONDS);
        }
        assertThat(fresh.readList(path).orElseThrow().lines())
            .as("round " + round)
            .hasSize(WRITERS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
