package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
  @Test
  void theSlopeIsFittedToTheSamplesAfterTheWarmUp() {
    ProcessSampler.Series heap = new ProcessSampler.Series();
    // Ten minutes of growth (pools and caches filling), then flat for twenty.
    for (int minute = 0; minute <= 30; minute++) {
      heap.add(0.5 + minute / 60.0, minute <= 10 ? 10 + minute : 20);
    }
    assertThat(heap.slope(10 / 60.0)).isCloseTo(0, within(1e-9));
    assertThat(heap.slope(0)).isGreaterThan(10);
  }

  @Test
  void aWarmUpLongerThanTheRunFallsBackToEverySample() {
    ProcessSampler.Series threads = new ProcessSampler.Series();
    threads.add(0, 40);
    threads.add(1, 50);
    assertThat(threads.slope(2)).isCloseTo(10, within(1e-9));
    assertThat(new ProcessSampler.Series().slope(0)).isZero();
  }
}
