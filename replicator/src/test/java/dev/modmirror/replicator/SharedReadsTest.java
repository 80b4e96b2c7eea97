package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One reconcile run's reads of the primary, shared by its regions. */
class SharedReadsTest {
  private final ExecutorService io = CopyTasks.pool("test");
  private final Map<ModuleRef, AtomicInteger> reads = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  @AfterEach
  void tearDown() {
    io.shutdownNow();
  }

  @Test
  void aVersionTwoRegionsCopyIsReadOnce() {
    try (SharedReads shared = shared(2, 4)) {
      ModuleRef a = ref("v1.0.0");
      try (SharedReads.Lease first = shared.acquire(a);
          SharedReads.Lease second = shared.acquire(a)) {
        assertThat(first.read().notCopied()).isEqualTo("read v1.0.0");
        assertThat(second.read().notCopied()).isEqualTo("read v1.0.0");
      }
      assertThat(count(a)).isEqualTo(1);
    }
  }

  @Test
  void aRegionComingLaterUsesTheReadKeptForIt() {
    try (SharedReads shared = shared(2, 4)) {
      ModuleRef a = ref("v1.0.0");
      try (SharedReads.Lease first = shared.acquire(a)) {
        first.read();
      }
      try (SharedReads.Lease late = shared.acquire(a)) {
        late.read();
      }
      // Both regions had it: dropped, so a third use (a retry) reads afresh.
      try (SharedReads.Lease again = shared.acquire(a)) {
        again.read();
      }
      assertThat(count(a)).isEqualTo(2);
    }
  }

  @Test
  void keepsAtMostIdleUnusedReadsDroppingTheOldestFirst() {
    try (SharedReads shared = shared(2, 1)) {
      ModuleRef a = ref("v1.0.0");
      ModuleRef b = ref("v1.1.0");
      for (ModuleRef ref : List.of(a, b, b, a)) {
        try (SharedReads.Lease lease = shared.acquire(ref)) {
          lease.read();
        }
      }
      // a was dropped when b was kept (one idle read at most): the late region read a again,
      // and used b's.
      assertThat(count(a)).isEqualTo(2);
      assertThat(count(b)).isEqualTo(1);
    }
  }

  @Test
  void aFailedReadIsNotHandedOutAgain() {
    failuresLeft.set(1);
    try (SharedReads shared = shared(2, 4)) {
      ModuleRef a = ref("v1.0.0");
      try (SharedReads.Lease failed = shared.acquire(a)) {
        assertThatThrownBy(failed::read)
            .isInstanceOf(TransientException.class)
            .hasMessageContaining("primary unreachable");
      }
      try (SharedReads.Lease retry = shared.acquire(a)) {
        assertThat(retry.read().notCopied()).isEqualTo("read v1.0.0");
      }
      assertThat(count(a)).isEqualTo(2);
    }
  }

  private SharedReads shared(int regions, int idle) {
    return new SharedReads(
        regions,
        idle,
        ref -> {
          reads.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
          if (failuresLeft.getAndDecrement() > 0) {
            throw new TransientException("primary unreachable", ref);
          }
          return new SharedReads.Read(Optional.empty(), "read " + ref.version().value());
        },
        io);
  }

  private int count(ModuleRef ref) {
    return reads.getOrDefault(ref, new AtomicInteger()).get();
  }

  private static ModuleRef ref(String version) {
    return new ModuleRef(ModulePath.of("example.com/shared"), ModuleVersion.of(version));
  }
}
