package dev.modmirror.deploy.service;

import dev.modmirror.adapters.kafka.FatalFailure;
import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Services;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a long-lived service of a production command until the JVM is asked to stop. */
final class UntilStopped {
  /** Exit code when Kafka refused us for good or a topic is gone. */
  static final int FATAL = 3;

  /** Exit code when a thread died of a JVM error (out of memory, a linkage error). */
  static final int INTERNAL_ERROR = 70;

  private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);
  private static final long HALT_AFTER_SECONDS = 60;

  private UntilStopped() {}

  /**
   * Starts a service over {@code adapters} and blocks until SIGTERM or SIGINT, or until a
   * subscription stops for good. On a signal, closes the service (which finishes its work in flight
   * within its grace and acknowledges what is done), then the adapters, and returns 0; Kafka
   * resumes from the last acknowledged position, so stopping at any point loses nothing. On a fatal
   * failure, prints one line naming it, closes what it can and returns {@link #FATAL} or {@link
   * #INTERNAL_ERROR}; if closing hangs (a JVM in trouble), the process is halted. A start that
   * fails on a transient condition is tried again until it succeeds ({@link
   * DependencyWait#startWhenReady}); if starting fails otherwise, the adapters are closed and the
   * failure propagates.
   *
   * @param name the service, for the log lines
   */
  static int serve(String name, Adapters adapters, Function<Services, AutoCloseable> start)
      throws InterruptedException {
    AutoCloseable service;
    try {
      service = DependencyWait.startWhenReady(name, () -> start.apply(Services.over(adapters)));
    } catch (RuntimeException | InterruptedException e) {
      adapters.close();
      throw e;
    }
    CompletableFuture<Void> signalled = new CompletableFuture<>();
    Thread hook =
        new Thread(
            () -> {
              closeQuietly(service, adapters);
              signalled.complete(null);
            },
            "modmirror-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    CompletableFuture<FatalFailure> fatal = adapters.fatal().toCompletableFuture();
    CompletableFuture.anyOf(signalled, fatal).join();
    if (!fatal.isDone()) {
      return 0; // stopped by a signal; the hook closed everything
    }
    FatalFailure failure = fatal.join();
    int code = failure.jvmError() ? INTERNAL_ERROR : FATAL;
    System.err.println("modmirror: unhealthy, stopping: " + failure.reason());
    LOG.error("unhealthy, stopping (exit {}): {}", code, failure.reason());
    haltIfStuck(code);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyStopping) {
      return code;
    }
    closeQuietly(service, adapters);
    return code;
  }

  private static void closeQuietly(AutoCloseable service, Adapters adapters) {
    try {
      service.close();
    } catch (Exception ignored) {
      // Shutting down anyway: Kafka resumes from the last acknowledged position.
    } finally {
      adapters.close();
    }
  }

  /** A JVM that cannot even close its consumers must still exit with the code. */
  private static void haltIfStuck(int code) {
    Thread halt =
        new Thread(
            () -> {
              try {
                TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(code);
            },
            "modmirror-halt");
    halt.setDaemon(true);
    halt.start();
  }
}
