package dev.modmirror.replicator;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModuleRef;
import io.opentelemetry.context.Context;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of one verified copy that do not depend on each other run at once (the primary's
 * three reads; the region's {@code .mod} and {@code .zip} writes), each on a thread of a copier's
 * own pool: a version's copy then waits for the slowest of them, not for their sum, which is what a
 * remote region's round trips cost. The pool grows with the copies in flight (each runs a few such
 * requests at a time) and its idle threads end after a minute, so it needs no shutdown. A request
 * runs in the OpenTelemetry context of the copy that submitted it, so its storage spans stay in the
 * version's trace.
 */
final class CopyTasks {
  private CopyTasks() {}

  /** A pool for the requests of the copies of one copier (a region's replicator, a reconciler). */
  static ExecutorService pool(String name) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread t = new Thread(task, name + "-io-" + count.incrementAndGet());
          // Never keeps a stopping process alive: what runs here is always awaited by a copy.
          t.setDaemon(true);
          return t;
        };
    return Context.taskWrapping(Executors.newCachedThreadPool(threads));
  }

  /**
   * Waits for a request started with {@link #pool} and returns its result, throwing what it threw
   * (a {@link dev.modmirror.core.error.ModmirrorException} keeps its kind). An interrupted wait (a
   * copy's deadline, a shutdown) cancels the request, interrupting it, and fails transiently.
   */
  static <T> T await(Future<T> request, ModuleRef ref) {
    return await(request, ref, true);
  }

  /** As {@link #await}, but an interrupted wait leaves the request running: others await it too. */
  static <T> T awaitShared(Future<T> request, ModuleRef ref) {
    return await(request, ref, false);
  }

  private static <T> T await(Future<T> request, ModuleRef ref, boolean cancel) {
    try {
      return request.get();
    } catch (InterruptedException e) {
      if (cancel) {
        request.cancel(true);
      }
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while copying", ref, e);
    } catch (CancellationException e) {
      throw new TransientException("a request of the copy was cancelled", ref, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new TransientException("a request of the copy failed: " + cause, ref, cause);
    }
  }

  /** Cancels a request that is no longer wanted (interrupting it), if it has not ended. */
  static void cancel(Future<?> request) {
    if (request != null) {
      request.cancel(true);
    }
  }
}
