package dev.modmirror.warmer;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per module path, held while that module's {@code @v/list} is rebuilt: with many versions
 * in flight, one module's list still has one writer at a time in this process (replicas converge
 * through {@code ListRebuild}). Locks exist only while someone holds or waits for them.
 */
final class ModuleLocks {
  private final Map<ModulePath, Holder> holders = new HashMap<>();

  private static final class Holder {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /**
   * Runs {@code work} holding {@code path}'s lock.
   *
   * @throws TransientException if interrupted while waiting for the lock (a deadline passed)
   */
  <T> T with(ModulePath path, Supplier<T> work) {
    Holder holder;
    synchronized (this) {
      holder = holders.computeIfAbsent(path, p -> new Holder());
      holder.users++;
    }
    try {
      holder.lock.lockInterruptibly();
      try {
        return work.get();
      } finally {
        holder.lock.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(
          "interrupted while waiting to rebuild the list of " + path, path.value(), null, e);
    } finally {
      synchronized (this) {
        if (--holder.users == 0) {
          holders.remove(path);
        }
      }
    }
  }
}
