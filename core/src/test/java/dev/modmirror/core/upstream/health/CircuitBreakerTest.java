package dev.modmirror.core.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<BreakerState> changes = new ArrayList<>();
  private final CircuitBreaker breaker =
      new CircuitBreaker(3, Duration.ofSeconds(10), now::get, changes::add);

  @Test
  void opensAfterThresholdConsecutiveFailures() {
    breaker.onFailure();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.GRANTED);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
    assertThat(breaker.opens()).isEqualTo(1);
    assertThat(changes).containsExactly(BreakerState.OPEN);
  }

  @Test
  void successBetweenFailuresResetsTheCount() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void grantsOneTrialAfterTheOpenPeriodAndClosesOnItsSuccess() {
    open();
    now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
    now.addAndGet(1);
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.TRIAL);
    assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    assertThat(breaker.tryAcquire()).as("one trial at a time").isEqualTo(Permit.REFUSED);
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.GRANTED);
    assertThat(changes)
        .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
  }

  @Test
  void failedTrialOpensAgainForAWholePeriod() {
    open();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.TRIAL);
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.opens()).isEqualTo(2);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
  }

  @Test
  void aTrialThatNeverReportsIsReplacedAfterAnotherPeriod() {
    open();
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.TRIAL);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.TRIAL);
  }

  @Test
  void lateOutcomesWhileOpenChangeNothing() {
    open();
    breaker.onSuccess();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    assertThat(breaker.opens()).isEqualTo(1);
  }

  @Test
  void aSuccessfulProbeClosesAnOpenBreakerAtOnce() {
    open();
    breaker.probeSucceeded();
    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(breaker.consecutiveFailures()).isZero();
  }

  @Test
  void failedProbesCountWhileClosedAndRestartTheOpenPeriod() {
    breaker.probeFailed();
    breaker.probeFailed();
    breaker.probeFailed();
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    breaker.probeFailed();
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(breaker.tryAcquire()).isEqualTo(Permit.TRIAL);
  }

  @Test
  void refusesSettingsThatCannotWork() {
    assertThatThrownBy(() -> new CircuitBreaker(0, Duration.ofSeconds(1), now::get, s -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> new CircuitBreaker(1, Duration.ZERO, now::get, s -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openFor");
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
  }
}
