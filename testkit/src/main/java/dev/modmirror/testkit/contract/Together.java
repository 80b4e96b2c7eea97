package dev.modmirror.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts several tasks at the same instant, for the contracts' concurrency checks. */
final class Together {
  private Together() {}

  /** One task of {@link #run}, given its index. */
  @FunctionalInterface
  interface Task {
    void run(int index) throws Exception;
  }

  /** Runs {@code task} on {@code threads} threads released at once; rethrows the first failure. */
  static void run(int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  task.run(index);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
