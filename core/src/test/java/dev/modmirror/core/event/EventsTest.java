package dev.modmirror.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every event refuses a record it cannot stand for, naming the event and the field. */
class EventsTest {
  private static final ModuleRef REF = ModuleRef.of("example.com/m", "v1.0.0");
  private static final Instant T = Instant.parse("2026-11-30T00:00:00Z");

  @Test
  void refusesOtherSchemasAndMissingFields() {
    Map<ThrowingCallable, String> refusals =
        Map.ofEntries(
            Map.entry(
                () -> new VersionRequested(2, REF, RequestSource.GOMOD, "", T),
                "VersionRequested: unsupported schema version 2 (this build reads 1)"),
            Map.entry(
                () -> new VersionRequested(0, REF, RequestSource.GOMOD, "", T),
                "VersionRequested: unsupported schema version 0 (this build reads 1)"),
            Map.entry(
                () -> VersionRequested.of(null, RequestSource.GOMOD, "", T),
                "VersionRequested: missing field 'ref'"),
            Map.entry(
                () -> VersionRequested.of(REF, null, "", T),
                "VersionRequested: missing field 'source'"),
            Map.entry(
                () -> VersionRequested.of(REF, RequestSource.INDEX, "", null),
                "VersionRequested: missing field 'requestedAt'"),
            Map.entry(
                () -> VersionWarmed.of(REF, " ", "h1:y", 0, T),
                "VersionWarmed: missing field 'h1'"),
            Map.entry(
                () -> VersionWarmed.of(REF, "h1:x", null, 0, T),
                "VersionWarmed: missing field 'goModH1'"),
            Map.entry(
                () -> VersionWarmed.of(REF, "h1:x", "h1:y", -1, T),
                "VersionWarmed: negative zipSize"),
            Map.entry(
                () -> VersionWarmed.of(REF, "h1:x", "h1:y", 0, null),
                "VersionWarmed: missing field 'warmedAt'"),
            Map.entry(
                () -> new VersionWarmed(2, REF, "h1:x", "h1:y", 0, T, WarmOutcome.STORED),
                "VersionWarmed: unsupported schema version 2 (this build reads 1)"),
            Map.entry(
                () -> VersionFailed.of(REF, null, "permanent", "r", T),
                "VersionFailed: missing field 'status'"),
            Map.entry(
                () -> VersionFailed.of(REF, FailureStatus.FAILED, "", "r", T),
                "VersionFailed: missing field 'errorKind'"),
            Map.entry(
                () -> VersionFailed.of(REF, FailureStatus.FAILED, "permanent", null, T),
                "VersionFailed: missing field 'reason'"),
            Map.entry(
                () -> VersionFailed.of(null, FailureStatus.FAILED, "permanent", "r", T),
                "VersionFailed: missing field 'ref'"),
            Map.entry(
                () -> VersionFailed.of(REF, FailureStatus.FAILED, "permanent", "r", null),
                "VersionFailed: missing field 'failedAt'"),
            Map.entry(
                () -> new VersionFailed(3, REF, FailureStatus.FAILED, "permanent", "r", T),
                "VersionFailed: unsupported schema version 3 (this build reads 1)"),
            Map.entry(
                () -> RegionReplicated.ok(REF, "", T), "RegionReplicated: missing field 'region'"),
            Map.entry(
                () -> RegionReplicated.ok(null, "eu", T), "RegionReplicated: missing field 'ref'"),
            Map.entry(
                () -> RegionReplicated.ok(REF, "eu", null), "RegionReplicated: missing field 'at'"),
            Map.entry(
                () -> new RegionReplicated(2, REF, "eu", true, "", T),
                "RegionReplicated: unsupported schema version 2 (this build reads 1)"));
    refusals.forEach(
        (construct, message) ->
            assertThatThrownBy(construct)
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage(message));
  }

  @Test
  void keepsWhatItWasGivenAndFillsOptionalText() {
    VersionRequested r = VersionRequested.of(REF, RequestSource.WEBHOOK, null, T);
    assertThat(r.origin()).isEmpty();
    assertThat(r.schema()).isEqualTo(VersionRequested.SCHEMA);
    assertThat(VersionWarmed.of(REF, "h1:x", "h1:y", 0, T).zipSize()).isZero();
    assertThat(RegionReplicated.ok(REF, "eu", T))
        .isEqualTo(new RegionReplicated(1, REF, "eu", true, "", T));
    assertThat(RegionReplicated.failed(REF, "eu", null, T).reason()).isEmpty();
    assertThat(RegionReplicated.failed(REF, "eu", "down", T).ok()).isFalse();
    assertThat(VersionFailed.of(REF, FailureStatus.NOT_FOUND, "not-found", "404", T).status())
        .isEqualTo(FailureStatus.NOT_FOUND);
  }

  @Test
  void topicsCarryTheirTypesAndSchemaGeneration() {
    assertThat(Topics.all())
        .extracting(Topic::name)
        .allMatch(name -> name.startsWith("modmirror.") && name.endsWith(".v1"))
        .doesNotHaveDuplicates();
    assertThat(Topics.REQUESTS.type()).isEqualTo(VersionRequested.class);
    assertThat(Topics.all()).contains(Topics.REQUESTS, Topics.WARMED, Topics.FAILED);
    assertThatThrownBy(() -> new Topic<>(null, VersionWarmed.class))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Topic<VersionWarmed>("t", null))
        .isInstanceOf(NullPointerException.class);
    assertThat(List.of(RequestSource.values())).contains(RequestSource.DEMAND);
  }
}
