package dev.modmirror.core.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeakLatencyTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private final PeakLatency latency = new PeakLatency(Duration.ofSeconds(10));

  @Test
  void startsAtZeroSoAnUnmeasuredUpstreamIsTriedFirst() {
    assertThat(latency.nanos()).isZero();
    assertThat(latency.seeded()).isFalse();
  }

  @Test
  void aSlowerSampleReplacesTheValueAtOnce() {
    latency.record(5 * MS, 0);
    latency.record(2000 * MS, 1);
    assertThat(latency.nanos()).isEqualTo(2000.0 * MS);
  }

  @Test
  void fasterSamplesPullItDownByTheTimeSinceThePreviousOne() {
    latency.record(2000 * MS, 0);
    latency.record(0, 10 * S);
    assertThat(latency.nanos()).isCloseTo(2000.0 * MS * Math.exp(-1), within(1.0));
  }

  @Test
  void recoveryTakesTheSameTimeWhateverTheRequestRate() {
    PeakLatency frequent = new PeakLatency(Duration.ofSeconds(10));
    frequent.record(1000 * MS, 0);
    latency.record(1000 * MS, 0);
    for (int i = 1; i <= 1000; i++) {
      frequent.record(0, i * 20 * MS);
    }
    latency.record(0, 20 * S);
    assertThat(frequent.nanos()).isCloseTo(latency.nanos(), within(1.0 * MS));
  }

  @Test
  void forRankingAnIdleValueFadesTowardZero() {
    latency.record(2000 * MS, 0);
    assertThat(latency.decayed(0)).isEqualTo(2000.0 * MS);
    assertThat(latency.decayed(10 * S)).isCloseTo(2000.0 * MS * Math.exp(-1), within(1.0));
    assertThat(latency.nanos()).as("the estimate itself waits for a sample").isEqualTo(2000.0 * MS);
    assertThat(new PeakLatency(Duration.ofSeconds(1)).decayed(5)).isZero();
  }
}
