package dev.modmirror.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.dedupe.VersionState.Status;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.WarmPriority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the dedupe stage may drop a version's state: each status's own delay, to the nanosecond. */
class DedupeForgettingTest {
  private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
  private static final DedupeRules RULES =
      new DedupeRules(Duration.ofHours(24), Duration.ofHours(6), Duration.ofDays(7));

  @ParameterizedTest(name = "{0} after {1}: {2}")
  @CsvSource({
    "WARMED,    PT0S,                 false",
    "WARMED,    PT167H59M59.999999999S, false",
    "WARMED,    PT168H,               true",
    "WARMED,    PT200H,               true",
    "FAILED,    PT23H59M59.999999999S, false",
    "FAILED,    PT24H,                true",
    "IN_FLIGHT, PT5H59M59.999999999S,  false",
    "IN_FLIGHT, PT6H,                 true",
    // A state from the future (a clock behind the events' producer) is kept.
    "WARMED,    -PT1H,                false",
  })
  void aStateIsForgottenExactlyOnceItsDelayHasPassed(Status status, Duration age, boolean gone) {
    VersionState state =
        new VersionState(
            status, WarmPriority.URGENT, List.of(RequestSource.INDEX), "", SINCE, SINCE);
    assertThat(RULES.forgettable(state, SINCE.plus(age))).isEqualTo(gone);
  }

  @Test
  void theTwoDelayFormKeepsWarmedStatesForTheDefault() {
    assertThat(new DedupeRules(Duration.ofHours(1), Duration.ofHours(2)).forgetWarmedAfter())
        .isEqualTo(DedupeRules.DEFAULT_FORGET_WARMED_AFTER)
        .isEqualTo(Duration.ofDays(7));
    assertThat(DedupeRules.defaults().forgetWarmedAfter()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aNegativeRetentionIsRefused() {
    assertThatThrownBy(
            () -> new DedupeRules(Duration.ofHours(1), Duration.ofHours(2), Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dedupe delays must not be negative");
  }
}
