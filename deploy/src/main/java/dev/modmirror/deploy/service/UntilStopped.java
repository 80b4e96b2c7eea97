package dev.modmirror.deploy.service;

import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Services;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** Runs a long-lived service of a production command until the JVM is asked to stop. */
final class UntilStopped {
  private UntilStopped() {}

  /**
   * Starts a service over {@code adapters} and blocks until SIGTERM or SIGINT; then closes the
   * service, then the adapters. Kafka resumes from the last committed offset, so stopping at any
   * point loses nothing. If starting fails, the adapters are closed and the failure propagates.
   */
  static void serve(Adapters adapters, Function<Services, AutoCloseable> start)
      throws InterruptedException {
    AutoCloseable service;
    try {
      service = start.apply(Services.over(adapters));
    } catch (RuntimeException e) {
      adapters.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception ignored) {
                    // Shutting down anyway: Kafka resumes from the last committed offset.
                  } finally {
                    adapters.close();
                    stopped.countDown();
                  }
                },
                "modmirror-shutdown"));
    stopped.await();
  }
}
