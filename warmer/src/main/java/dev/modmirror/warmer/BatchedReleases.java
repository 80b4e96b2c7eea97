package dev.modmirror.warmer;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModuleStore} that removes pending records in batches: {@link #release} queues the
 * version, and the call that finds {@value #MAX_BATCH} queued, or the oldest queued for {@link
 * #MAX_AGE}, removes them all with one {@link ModuleStore#releaseAll} (one S3 multi-object delete
 * instead of a DELETE per version). {@link #flush} removes what is queued, at shutdown.
 *
 * <p>Why a late removal is safe: {@link ModuleStore#release} is called only once the version's
 * {@code .info} exists, and a claim beside a complete version is inert (every save reads the {@code
 * .info} after claiming, and the next save of the version removes it). A crash before the batch
 * leaves such inert records, as a failed DELETE always could. Thread-safe.
 */
final class BatchedReleases extends ForwardingModuleStore {
  static final int MAX_BATCH = 200;
  static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(BatchedReleases.class);

  private final List<ModuleRef> queued = new ArrayList<>();
  private long oldestNanos;

  BatchedReleases(ModuleStore store) {
    super(store);
  }

  @Override
  public void release(ModuleRef ref) {
    List<ModuleRef> batch;
    synchronized (this) {
      long now = System.nanoTime();
      if (queued.isEmpty()) {
        oldestNanos = now;
      }
      queued.add(ref);
      if (queued.size() < MAX_BATCH && now - oldestNanos < MAX_AGE.toNanos()) {
        return;
      }
      batch = drain();
    }
    remove(batch);
  }

  /** Removes every queued record now. Does not throw. */
  void flush() {
    List<ModuleRef> batch;
    synchronized (this) {
      batch = drain();
    }
    remove(batch);
  }

  private List<ModuleRef> drain() {
    List<ModuleRef> batch = List.copyOf(queued);
    queued.clear();
    return batch;
  }

  private void remove(List<ModuleRef> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      releaseAll(batch);
    } catch (ModmirrorException e) {
      LOG.debug("{} inert pending records left in {}: {}", batch.size(), name(), e.getMessage());
    }
  }
}
