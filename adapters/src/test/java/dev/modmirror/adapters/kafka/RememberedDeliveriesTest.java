package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RememberedDeliveriesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final RememberedDeliveries deliveries = new RememberedDeliveries(Duration.ofDays(30));

  @Test
  void forgetsWhileRunningWhatTheTopicNoLongerKeeps() {
    deliveries.add("github:old", T0, T0);
    deliveries.add("github:recent", T0.plus(Duration.ofDays(20)), T0.plus(Duration.ofDays(20)));

    // 31 days on, the next delivery sweeps: the first is past the 30 days, the second is not.
    Instant later = T0.plus(Duration.ofDays(31));
    assertThat(deliveries.add("github:new", later, later)).isTrue();

    assertThat(deliveries.contains("github:old")).isFalse();
    assertThat(deliveries.contains("github:recent")).isTrue();
    assertThat(deliveries.contains("github:new")).isTrue();
    assertThat(deliveries.size()).isEqualTo(2);
  }

  @Test
  void sweepsAtMostOncePerPeriod() {
    Instant swept = T0.plus(Duration.ofDays(30));
    // Handled a minute inside the retention when added, and swept with the first add.
    deliveries.add("github:c", swept.minus(Duration.ofDays(30)).plusSeconds(60), swept);

    // Half an hour later c is past the retention, but the map is swept once an hour only.
    Instant halfHour = swept.plus(Duration.ofMinutes(30));
    deliveries.add("github:d", halfHour, halfHour);
    assertThat(deliveries.contains("github:c")).isTrue();

    Instant nextSweep = swept.plus(RememberedDeliveries.SWEEP_EVERY);
    deliveries.add("github:e", nextSweep, nextSweep);
    assertThat(deliveries.contains("github:c")).isFalse();
    assertThat(deliveries.contains("github:d")).isTrue();
  }

  @Test
  void neitherAddsAKeyTwiceNorOneAlreadyPastTheRetention() {
    assertThat(deliveries.add("gitlab:x", T0, T0)).isTrue();
    assertThat(deliveries.add("gitlab:x", T0.plusSeconds(5), T0.plusSeconds(5))).isFalse();
    Instant now = T0.plus(Duration.ofDays(40));
    assertThat(deliveries.add("gitlab:read-at-start", T0.plus(Duration.ofDays(5)), now)).isFalse();
    assertThat(deliveries.contains("gitlab:read-at-start")).isFalse();
  }

  @Test
  void removesOnlyTheKeyAddedAtThatTime() {
    deliveries.add("generic:y", T0, T0);
    deliveries.remove("generic:y", T0.plusSeconds(1));
    assertThat(deliveries.contains("generic:y")).isTrue();
    deliveries.remove("generic:y", T0);
    assertThat(deliveries.contains("generic:y")).isFalse();
  }
}
