package dev.modmirror.deploy.doctor;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.deploy.wiring.Deployment;
import java.time.Duration;
import java.util.List;
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
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }
}
