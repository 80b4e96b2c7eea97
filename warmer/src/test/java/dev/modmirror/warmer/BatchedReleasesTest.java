package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchedReleasesTest {
  private static final VersionHashes HASHES =
      new VersionHashes("h1:" + "A".repeat(43) + "=", "h1:" + "B".repeat(43) + "=");

  /** Counts batch removals and can fail them. */
  private static final class Recording extends ForwardingModuleStore {
    final List<Integer> batches = new ArrayList<>();
    boolean fail;

    Recording() {
      super(InMemoryModuleStore.create("primary"));
    }

    @Override
    public void releaseAll(Collection<ModuleRef> refs) {
      batches.add(refs.size());
      if (fail) {
        throw new TransientException("store away");
      }
      super.releaseAll(refs);
    }
  }

  private static ModuleRef ref(int i) {
    return ModuleRef.of("example.com/m" + i, "v1.0.0");
  }

  @Test
  void removesClaimsInBatchesAndWhatIsLeftOnFlush() {
    Recording store = new Recording();
    BatchedReleases releases = new BatchedReleases(store);
    for (int i = 0; i < BatchedReleases.MAX_BATCH + 5; i++) {
      store.claim(ref(i), HASHES);
      releases.release(ref(i));
    }
    assertThat(store.batches).containsExactly(BatchedReleases.MAX_BATCH);

    releases.flush();

    assertThat(store.batches).containsExactly(BatchedReleases.MAX_BATCH, 5);
    // Every record is gone: a claim for other hashes now wins.
    VersionHashes other = new VersionHashes("h1:" + "C".repeat(43) + "=", HASHES.goModH1());
    for (int i = 0; i < BatchedReleases.MAX_BATCH + 5; i++) {
      assertThat(store.claim(ref(i), other)).isEqualTo(other);
    }
  }

  @Test
  void aFailedRemovalIsNotTheCallersFailure() {
    Recording store = new Recording();
    store.fail = true;
    BatchedReleases releases = new BatchedReleases(store);
    releases.release(ref(1));

    releases.flush();

    assertThat(store.batches).containsExactly(1);
  }
}
