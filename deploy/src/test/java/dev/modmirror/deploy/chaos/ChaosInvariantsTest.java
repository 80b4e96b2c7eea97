package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ObjectKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every invariant of a chaos run can fail: a clean state passes, and each deliberately broken state
 * (a lost request, a version missing from a region, a torn or altered object, a wrong recorded
 * hash, a list naming an incomplete version, a version written twice, a poison record nobody
 * dead-lettered, records left behind) is counted under its own name.
 */
class ChaosInvariantsTest {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
  private static ChaosCatalog catalog;
  private static List<ChaosCatalog.Version> versions;

  @BeforeAll
  static void catalog(@TempDir Path scratch) {
    catalog = ChaosCatalog.generate(7, 8, 1, scratch);
    versions = catalog.load();
  }

  /** A run where everything went right: versions 0–6 warmed everywhere, 7 failed (corrupted). */
  private static final class State {
    final Set<ModuleRef> requested = new LinkedHashSet<>();
    final Set<ModuleRef> corrupted = new LinkedHashSet<>();
    final Outcomes outcomes = new Outcomes();
    final Map<String, Map<String, StoredObject>> buckets = new HashMap<>();
    final Map<String, Map<String, String>> lists = new HashMap<>();
    final List<Poison> poison = new ArrayList<>();
    final Map<String, Long> lag = new HashMap<>(Map.of("modmirror-warmer", 0L));

    State() {
      versions.forEach(v -> requested.add(v.ref()));
      ModuleRef failed = versions.get(7).ref();
      corrupted.add(failed);
      outcomes.add(VersionFailed.of(failed, FailureStatus.FAILED, "invalid-input", "zip", AT));
      for (String bucket : List.of("primary", "region-1", "region-2")) {
        buckets.put(bucket, new HashMap<>());
        lists.put(bucket, new HashMap<>());
        for (ChaosCatalog.Version v : versions.subList(0, 7)) {
          store(bucket, v);
        }
      }
      for (ChaosCatalog.Version v : versions.subList(0, 7)) {
        outcomes.add(warmed(v, WarmOutcome.STORED));
      }
      poison.add(
          Poison.deadLettered("p1", "modmirror.warm.urgent.v1", Set.of("modmirror-warmer"), 4));
      outcomes.add(new Outcomes.DeadLetter("p1", "modmirror.warm.urgent.v1", "modmirror-warmer"));
    }

    void store(String bucket, ChaosCatalog.Version v) {
      Expected e = v.expected();
      put(bucket, v.ref(), Artifact.MOD, e.modSha256(), Map.of());
      put(bucket, v.ref(), Artifact.ZIP, e.zipSha256(), Map.of());
      put(
          bucket,
          v.ref(),
          Artifact.INFO,
          e.infoSha256(),
          Map.of(ChaosInvariants.H1_META, e.h1(), ChaosInvariants.GOMOD_H1_META, e.goModH1()));
      lists
          .get(bucket)
          .merge(
              ObjectKeys.versionDirectory(v.ref().path()),
              v.ref().moduleVersion() + "\n",
              String::concat);
    }

    void put(String bucket, ModuleRef ref, Artifact a, String sha, Map<String, String> meta) {
      String key = ObjectKeys.artifact(ref, a);
      buckets.get(bucket).put(key, new StoredObject(key, sha, meta));
    }

    Verdict verdict() {
      List<BucketContents> contents = new ArrayList<>();
      buckets.forEach(
          (name, objects) -> contents.add(new BucketContents(name, objects, lists.get(name))));
      return ChaosInvariants.check(
          catalog.expected(), requested, corrupted, outcomes, contents, poison, lag);
    }
  }

  private static VersionWarmed warmed(ChaosCatalog.Version v, WarmOutcome outcome) {
    return new VersionWarmed(
        1, v.ref(), v.expected().h1(), v.expected().goModH1(), v.zip().length, AT, outcome);
  }

  private static Verdict broken(Consumer<State> breakIt) {
    State state = new State();
    breakIt.accept(state);
    return state.verdict();
  }

  @Test
  void aCleanRunPasses() {
    Verdict verdict = new State().verdict();
    assertThat(verdict.problems()).isEmpty();
    assertThat(verdict.clean()).isTrue();
    assertThat(verdict.warmed()).isEqualTo(7);
    assertThat(verdict.failed()).isEqualTo(1);
    assertThat(verdict.failedUnexplained()).isZero();
    assertThat(verdict.unexplained()).isEmpty();
  }

  @Test
  void countsARequestWithoutOutcomeAsLost() {
    Verdict v = broken(s -> s.requested.add(catalog.canaries().get(0).ref()));
    assertThat(v.lost()).isEqualTo(1);
    assertThat(v.clean()).isFalse();
  }

  @Test
  void countsAWarmedVersionMissingFromARegionAsLost() {
    Verdict v =
        broken(
            s -> {
              ModuleRef ref = versions.get(2).ref();
              for (Artifact a : Artifact.values()) {
                s.buckets.get("region-2").remove(ObjectKeys.artifact(ref, a));
              }
              s.lists.get("region-2").remove(ObjectKeys.versionDirectory(ref.path()));
            });
    assertThat(v.lost()).isEqualTo(1);
    assertThat(v.partial()).isZero();
  }

  @Test
  void countsAZipWithoutInfoAndAnInfoWithoutZipAsPartial() {
    Verdict v =
        broken(
            s -> {
              s.buckets
                  .get("primary")
                  .remove(ObjectKeys.artifact(versions.get(0).ref(), Artifact.ZIP));
              ChaosCatalog.Version failed = versions.get(7);
              s.put(
                  "region-1", failed.ref(), Artifact.ZIP, failed.expected().zipSha256(), Map.of());
            });
    assertThat(v.partial()).isEqualTo(2);
  }

  @Test
  void countsAListNamingAnIncompleteVersionAsPartial() {
    Verdict v =
        broken(
            s ->
                s.lists
                    .get("region-1")
                    .merge(
                        ObjectKeys.versionDirectory(versions.get(7).ref().path()),
                        versions.get(7).ref().moduleVersion() + "\n",
                        String::concat));
    assertThat(v.partial()).isEqualTo(1);
  }

  @Test
  void countsOtherBytesAndWrongRecordedHashesAsCorruptStored() {
    Verdict v =
        broken(
            s -> {
              s.put("region-1", versions.get(1).ref(), Artifact.ZIP, "00".repeat(32), Map.of());
              Expected e = versions.get(3).expected();
              s.put(
                  "primary",
                  versions.get(3).ref(),
                  Artifact.INFO,
                  e.infoSha256(),
                  Map.of(
                      ChaosInvariants.H1_META,
                      "h1:other=",
                      ChaosInvariants.GOMOD_H1_META,
                      e.goModH1()));
            });
    assertThat(v.corruptStored()).isEqualTo(2);
  }

  @Test
  void countsObjectsOfUnknownVersionsAndStrayKeysAsCorruptStored() {
    Verdict v =
        broken(
            s -> {
              s.buckets
                  .get("primary")
                  .put(
                      "x.example/m/@v/v1.0.0.zip",
                      new StoredObject("x.example/m/@v/v1.0.0.zip", "ab", Map.of()));
              s.buckets
                  .get("primary")
                  .put(
                      "x.example/m/@v/v1.0.0.tmp",
                      new StoredObject("x.example/m/@v/v1.0.0.tmp", "ab", Map.of()));
            });
    assertThat(v.corruptStored()).isEqualTo(2);
  }

  @Test
  void countsAWarmedEventWithAnotherH1AsCorrupt() {
    Verdict v =
        broken(
            s ->
                s.outcomes.add(
                    new VersionWarmed(
                        1,
                        versions.get(4).ref(),
                        "h1:lie=",
                        versions.get(4).expected().goModH1(),
                        1,
                        AT,
                        WarmOutcome.ALREADY_PRESENT)));
    assertThat(v.corruptStored()).isEqualTo(1);
  }

  @Test
  void countsTwoWritesOrWarmedAndFailedAsDuplicated() {
    Verdict v =
        broken(
            s -> {
              s.outcomes.add(warmed(versions.get(5), WarmOutcome.STORED));
              s.outcomes.add(
                  VersionFailed.of(
                      versions.get(6).ref(), FailureStatus.FAILED, "transient", "exhausted", AT));
            });
    assertThat(v.duplicated()).isEqualTo(2);
  }

  @Test
  void aCorruptedAttemptThatFailedBeforeAnUpgradedOneWarmedIsNoDuplicate() {
    Verdict v = broken(s -> storedAndWarmedAt(s, versions.get(7), AT.plusSeconds(5)));
    assertThat(v.duplicated()).isZero();
    assertThat(v.clean()).isTrue();
  }

  @Test
  void aFailureAfterTheVersionWarmedIsADuplicate() {
    Verdict v = broken(s -> storedAndWarmedAt(s, versions.get(7), AT.minusSeconds(5)));
    assertThat(v.duplicated()).isEqualTo(1);
  }

  /** {@code v} in every bucket and warmed ({@code STORED}) at {@code at}. */
  private static void storedAndWarmedAt(State s, ChaosCatalog.Version v, Instant at) {
    List.of("primary", "region-1", "region-2").forEach(b -> s.store(b, v));
    s.outcomes.add(
        new VersionWarmed(
            1,
            v.ref(),
            v.expected().h1(),
            v.expected().goModH1(),
            v.zip().length,
            at,
            WarmOutcome.STORED));
  }

  @Test
  void aRedeliveredAlreadyPresentOutcomeIsNoDuplicate() {
    Verdict v = broken(s -> s.outcomes.add(warmed(versions.get(5), WarmOutcome.ALREADY_PRESENT)));
    assertThat(v.duplicated()).isZero();
    assertThat(v.clean()).isTrue();
  }

  @Test
  void namesAFailureTheFaultsDoNotExplain() {
    Verdict v = broken(s -> s.corrupted.clear());
    assertThat(v.failedUnexplained()).isEqualTo(1);
    assertThat(v.unexplained())
        .singleElement()
        .asString()
        .startsWith(versions.get(7).ref() + ": ")
        .endsWith("FAILED invalid-input: zip");
    assertThat(v.problems()).as("an outcome, not a broken invariant").isEmpty();
    assertThat(v.clean()).as("a recorded failure is an outcome, not a loss").isTrue();
  }

  @Test
  void countsPoisonAGroupDidNotDeadLetter() {
    Verdict v =
        broken(
            s ->
                s.poison.add(
                    Poison.deadLettered(
                        "p2",
                        "modmirror.warmed.v1",
                        Set.of("modmirror-replicator-region-1", "modmirror-replicator-region-2"),
                        9)));
    assertThat(v.poisonMissing()).isEqualTo(2);
  }

  @Test
  void countsAPoisonedCheckpointTheFollowerDidNotGoOnFrom() {
    Poison checkpoint =
        new Poison(
            "chaos-index", Topics.INDEX_CHECKPOINTS, Set.of(), Poison.Handling.SUPERSEDED, 12);
    Verdict stalled =
        broken(
            s -> {
              s.outcomes.checkpoint("chaos-index", 11);
              s.outcomes.checkpoint("chaos-index", 12);
              s.poison.add(checkpoint);
            });
    assertThat(stalled.poisonMissing()).isEqualTo(1);
    assertThat(stalled.problems()).anyMatch(p -> p.contains("no checkpoint written after it"));
    Verdict wentOn =
        broken(
            s -> {
              s.outcomes.checkpoint("chaos-index", 12);
              s.outcomes.checkpoint("chaos-index", 13);
              s.poison.add(checkpoint);
            });
    assertThat(wentOn.poisonMissing()).isZero();
    // The index log's pipelined producers write under feed#1, feed#2...: the feed's all the same.
    Verdict wentOnInAnotherSlot =
        broken(
            s -> {
              s.outcomes.checkpoint("chaos-index", 12);
              s.outcomes.checkpoint("chaos-index#2", 13);
              s.poison.add(checkpoint);
            });
    assertThat(wentOnInAnotherSlot.poisonMissing()).isZero();
  }

  @Test
  void aPoisonedWebhookDeliveryNeedsNoDeadLetter() {
    Verdict v =
        broken(
            s ->
                s.poison.add(
                    new Poison(
                        "p3", Topics.WEBHOOK_DELIVERIES, Set.of(), Poison.Handling.KEY_ONLY, 3)));
    assertThat(v.poisonMissing()).isZero();
    assertThat(v.clean()).isTrue();
  }

  @Test
  void countsRecordsLeftBehindAsLag() {
    Verdict v = broken(s -> s.lag.put("modmirror-replicator-region-1", 3L));
    assertThat(v.lag()).isEqualTo(3);
    assertThat(v.clean()).isFalse();
  }
}
