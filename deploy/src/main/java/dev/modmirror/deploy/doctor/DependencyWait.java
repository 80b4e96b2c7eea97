package dev.modmirror.deploy.doctor;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.deploy.wiring.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's start-up: before it builds its clients, it probes the broker and the buckets it uses
 * (the doctor's checks, nothing written). Each dependency that does not answer is logged at once,
 * one line naming it and what to check, and the probes are repeated with backoff (1 s doubling to
 * 30 s) until all answer; the service's status surface, and so its readiness, only starts then.
 * Without this a broker that does not answer would keep a service silent while its clients retry.
 */
public final class DependencyWait {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyWait.class);

  /** Each probe's bound: the first line naming a dead dependency comes within about this. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private DependencyWait() {}

  /**
   * For one-shot commands: probes once and, if a dependency does not answer, fails at once naming
   * it, instead of letting a client retry for a minute.
   *
   * @throws TransientException naming every dependency that does not answer, and what to check (the
   *     launcher exits {@link dev.modmirror.deploy.ExitCodes#UNREACHABLE} with it)
   */
  public static void requireReachable(
      Deployment deployment, boolean kafka, boolean primary, List<String> regions)
      throws InterruptedException {
    List<CheckResult> unreachable =
        Checks.run(
                Checks.reachability(deployment, kafka, primary, regions, PROBE_TIMEOUT),
                PROBE_TIMEOUT)
            .stream()
            .filter(r -> r.status().equals("unreachable"))
            .toList();
    if (!unreachable.isEmpty()) {
      throw new TransientException(
          unreachable.stream()
              .map(r -> r.check() + " unreachable: " + r.detail() + " (" + r.hint() + ")")
              .collect(Collectors.joining("; ")));
    }
  }

  /**
   * Runs a service's {@code start} and, while it fails on a transient condition ({@link
   * TransientException}), runs it again after a backoff (1 s doubling to 30 s), logging one line
   * each time: the service is not ready until then, as in {@link #untilReachable}. A dependency
   * that answered the probe can still be unavailable a moment later (a bucket answering 503
   * SlowDown, a broker killed while the topics are checked), and a service that exits on that is
   * only restarted into the same weather by its supervisor. Anything else (refused credentials, a
   * store without atomic conditional writes, a topic layout that breaks ordering, bad settings)
   * propagates at once: a fatal condition still stops the service. {@code start} must leave nothing
   * running when it throws.
   *
   * @param service for the log lines, e.g. {@code warmer}
   */
  public static <T> T startWhenReady(String service, Supplier<T> start)
      throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        T started = start.get();
        if (attempt > 1) {
          LOG.info("{}: started at attempt {}", service, attempt);
        }
        return started;
      } catch (TransientException e) {
        LOG.error(
            "{}: start failed on a transient condition: {}; retrying in {} s (not ready until then)",
            service,
            e.getMessage(),
            backoff.toSeconds());
      }
      Thread.sleep(backoff.toMillis());
      backoff = next(backoff);
    }
  }

  private static Duration next(Duration backoff) {
    return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
        ? MAX_BACKOFF
        : backoff.multipliedBy(2);
  }

  /**
   * Blocks until the broker (if {@code kafka}), the primary bucket (if {@code primary}) and {@code
   * regions} answer.
   *
   * @param service for the log lines, e.g. {@code warmer}
   */
  public static void untilReachable(
      String service, Deployment deployment, boolean kafka, boolean primary, List<String> regions)
      throws InterruptedException {
    List<Checks.Check> checks =
        Checks.reachability(deployment, kafka, primary, regions, PROBE_TIMEOUT);
    Duration backoff = FIRST_BACKOFF;
    boolean waited = false;
    while (true) {
      List<CheckResult> results = Checks.run(checks, PROBE_TIMEOUT);
      // A dependency that answers but refuses (credentials, a missing bucket) is not waited for:
      // the service's own start names it and stops, as a fatal condition should.
      results.stream()
          .filter(r -> !r.ok() && !r.status().equals("unreachable"))
          .forEach(
              r ->
                  LOG.error(
                      "{}: dependency {}: {} ({})", service, r.check(), r.detail(), r.hint()));
      List<CheckResult> failing =
          results.stream().filter(r -> r.status().equals("unreachable")).toList();
      if (failing.isEmpty()) {
        if (waited) {
          LOG.info("{}: every dependency answers now; starting", service);
        }
        return;
      }
      for (CheckResult r : failing) {
        LOG.error(
            "{}: dependency {} {}: {}{}; retrying in {} s (not ready until then)",
            service,
            r.check(),
            r.status(),
            r.detail(),
            r.hint().isEmpty() ? "" : " (" + r.hint() + ")",
            backoff.toSeconds());
      }
      waited = true;
      Thread.sleep(backoff.toMillis());
      backoff = next(backoff);
    }
  }
}
