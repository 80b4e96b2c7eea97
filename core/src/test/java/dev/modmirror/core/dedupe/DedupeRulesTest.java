package dev.modmirror.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.module.ModuleRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DedupeRulesTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/a", "v1.0.0");
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private final DedupeRules rules = new DedupeRules(Duration.ofHours(1), Duration.ofHours(6));

  private static VersionRequested request(RequestSource source, Instant at) {
    return VersionRequested.of(REF, source, source.name().toLowerCase(), at);
  }

  @Test
  void forwardsANewVersionInItsSourcesLane() {
    Decision d = rules.onRequest(Optional.empty(), request(RequestSource.INDEX, T0));

    assertThat(d.reason()).isEqualTo("new");
    assertThat(d.forward())
        .get()
        .satisfies(
            w -> {
              assertThat(w.priority()).isEqualTo(WarmPriority.BACKFILL);
              assertThat(w.sources()).containsExactly(RequestSource.INDEX);
              assertThat(w.ref()).isEqualTo(REF);
            });
  }

  @Test
  void dropsARequestWhileInFlightAndMergesItsSource() {
    VersionState s = rules.onRequest(Optional.empty(), request(RequestSource.DEMAND, T0)).state();
    Decision d = rules.onRequest(Optional.of(s), request(RequestSource.POPULAR, T0.plusSeconds(5)));

    assertThat(d.isDuplicate()).isTrue();
    assertThat(d.reason()).isEqualTo("in-flight");
    assertThat(d.state().sources()).containsExactly(RequestSource.DEMAND, RequestSource.POPULAR);
  }

  @Test
  void movesAnInFlightBackfillUpToTheUrgentLaneWithBothSources() {
    VersionState s = rules.onRequest(Optional.empty(), request(RequestSource.INDEX, T0)).state();
    Decision d = rules.onRequest(Optional.of(s), request(RequestSource.WEBHOOK, T0.plusSeconds(1)));

    assertThat(d.reason()).isEqualTo("upgraded");
    assertThat(d.forward())
        .get()
        .satisfies(
            w -> {
              assertThat(w.priority()).isEqualTo(WarmPriority.URGENT);
              assertThat(w.sources()).containsExactly(RequestSource.INDEX, RequestSource.WEBHOOK);
            });
    // Once urgent, a later backfill request is only a duplicate.
    assertThat(
            rules.onRequest(Optional.of(d.state()), request(RequestSource.INDEX, T0)).isDuplicate())
        .isTrue();
  }

  @Test
  void neverRequestsAWarmedVersionAgainUnlessAnOperatorAsks() {
    VersionState s = rules.onRequest(Optional.empty(), request(RequestSource.INDEX, T0)).state();
    VersionState warmed =
        rules.onWarmed(Optional.of(s), VersionWarmed.of(REF, "h1:x", "h1:y", 1, T0.plusSeconds(9)));

    assertThat(
            rules
                .onRequest(
                    Optional.of(warmed),
                    request(RequestSource.WEBHOOK, T0.plus(Duration.ofDays(30))))
                .reason())
        .isEqualTo("warmed");
    assertThat(rules.onRequest(Optional.of(warmed), request(RequestSource.MANUAL, T0)).reason())
        .isEqualTo("manual");
  }

  @Test
  void retriesAFailedVersionOnlyAfterTheDelay() {
    VersionState s = rules.onRequest(Optional.empty(), request(RequestSource.INDEX, T0)).state();
    VersionState failed =
        rules.onFailed(
            Optional.of(s),
            VersionFailed.of(REF, FailureStatus.NOT_FOUND, "not-found", "410", T0.plusSeconds(1)));

    assertThat(
            rules
                .onRequest(Optional.of(failed), request(RequestSource.INDEX, T0.plusSeconds(60)))
                .reason())
        .isEqualTo("failed-recently");
    Decision retry =
        rules.onRequest(
            Optional.of(failed), request(RequestSource.INDEX, T0.plus(Duration.ofHours(2))));
    assertThat(retry.reason()).isEqualTo("retry");
    assertThat(retry.state().status()).isEqualTo(VersionState.Status.IN_FLIGHT);
  }

  @Test
  void forwardsAgainAVersionInFlightForTooLong() {
    VersionState s = rules.onRequest(Optional.empty(), request(RequestSource.INDEX, T0)).state();
    assertThat(
            rules
                .onRequest(
                    Optional.of(s), request(RequestSource.INDEX, T0.plus(Duration.ofHours(7))))
                .reason())
        .isEqualTo("stale");
  }

  @Test
  void anOutcomeBeforeAnyRequestIsRemembered() {
    VersionState warmed =
        rules.onWarmed(Optional.empty(), VersionWarmed.of(REF, "h1:x", "h1:y", 1, T0));
    assertThat(rules.onRequest(Optional.of(warmed), request(RequestSource.INDEX, T0)).isDuplicate())
        .isTrue();
  }
}
