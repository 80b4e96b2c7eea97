package dev.modmirror.core.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UpstreamHealthTest {
  private static final long MS = 1_000_000L;
  private final AtomicLong now = new AtomicLong(1);

  private UpstreamHealth health() {
    return new UpstreamHealth(HealthSettings.defaults(), now::get, s -> {});
  }

  @Test
  void answeredRequestsSetTheLatencyAndTheRatio() {
    UpstreamHealth health = health();
    var attempt = health.tryStart().orElseThrow();
    now.addAndGet(40 * MS);
    assertThat(health.finish(attempt, Outcome.ANSWERED)).isEqualTo(40 * MS);
    HealthSnapshot s = health.snapshot();
    assertThat(s.latencyMillis()).isEqualTo(40.0);
    assertThat(s.successRatio()).hasValue(1.0);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void failuresOpenTheBreakerAndThenNothingIsStarted() {
    UpstreamHealth health = health();
    for (int i = 0; i < 3; i++) {
      health.finish(health.tryStart().orElseThrow(), Outcome.FAILED);
    }
    assertThat(health.breakerState()).isEqualTo(BreakerState.OPEN);
    assertThat(health.tryStart()).isEmpty();
    assertThat(health.snapshot().successRatio()).hasValue(0.0);
  }

  @Test
  void inconclusiveOutcomesCountForNothing() {
    UpstreamHealth health = health();
    for (int i = 0; i < 5; i++) {
      health.finish(health.tryStart().orElseThrow(), Outcome.INCONCLUSIVE);
    }
    assertThat(health.breakerState()).isEqualTo(BreakerState.CLOSED);
    assertThat(health.snapshot().successRatio()).isEmpty();
  }

  @Test
  void aSlowUpstreamCostsMoreThanAFastOneButItsBreakerStaysClosed() {
    UpstreamHealth fast = health();
    UpstreamHealth slow = health();
    var a = fast.tryStart().orElseThrow();
    var b = slow.tryStart().orElseThrow();
    now.addAndGet(5 * MS);
    fast.finish(a, Outcome.ANSWERED);
    now.addAndGet(1995 * MS);
    slow.finish(b, Outcome.ANSWERED);
    assertThat(slow.cost(2.0)).isGreaterThan(fast.cost(1.0));
    assertThat(slow.breakerState()).isEqualTo(BreakerState.CLOSED);
  }

  @Test
  void requestsStillInFlightRaiseTheCostBeforeTheyAnswer() {
    UpstreamHealth health = health();
    health.finish(health.tryStart().orElseThrow(), Outcome.ANSWERED);
    double idle = health.cost(1.0);
    health.tryStart().orElseThrow();
    now.addAndGet(2000 * MS);
    assertThat(health.cost(1.0)).isGreaterThan(idle).isGreaterThanOrEqualTo(2.0 * 2000 * MS);
  }

  @Test
  void weightDividesTheCost() {
    UpstreamHealth health = health();
    var attempt = health.tryStart().orElseThrow();
    now.addAndGet(10 * MS);
    health.finish(attempt, Outcome.ANSWERED);
    assertThat(health.cost(2.0)).isEqualTo(health.cost(1.0) / 2);
  }

  @Test
  void aSuccessfulProbeClosesTheBreakerAndSetsTheLatency() {
    UpstreamHealth health = health();
    for (int i = 0; i < 3; i++) {
      health.probed(Outcome.FAILED, 0);
    }
    assertThat(health.breakerState()).isEqualTo(BreakerState.OPEN);
    health.probed(Outcome.ANSWERED, 2000 * MS);
    assertThat(health.breakerState()).isEqualTo(BreakerState.CLOSED);
    assertThat(health.snapshot().latencyMillis()).isEqualTo(2000.0);
  }

  @Test
  void aBodyThatBreaksCountsAsAFailure() {
    UpstreamHealth health = health();
    health.finish(health.tryStart().orElseThrow(), Outcome.ANSWERED);
    health.bodyFailed();
    assertThat(health.snapshot().consecutiveFailures()).isEqualTo(1);
    assertThat(health.snapshot().successRatio()).hasValue(0.5);
  }
}
